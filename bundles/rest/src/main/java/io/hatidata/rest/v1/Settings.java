package io.hatidata.rest.v1;

/**
 * Deployment facts the API reports or applies.
 *
 * @param connectionHost the host clients connect to on the Postgres wire (shown in environments)
 * @param connectionPort the wire port
 * @param rateLimits whether per-identity rate limits are enforced (headers are sent either way)
 * @param authFailuresPerMinute failed authentications per client address and minute before its requests
 *     get 429; 0 turns the throttle off
 */
public record Settings(String connectionHost, int connectionPort, boolean rateLimits, int authFailuresPerMinute) {}
