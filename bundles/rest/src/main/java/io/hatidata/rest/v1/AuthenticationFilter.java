package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.CallerAuthenticator;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.AuthenticationUnavailableException;
import io.hatidata.api.identity.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;

/**
 * Authenticates every request except login, refresh and the OpenAPI document, then applies the rate
 * limit of the caller's tier (unauthenticated requests count per client address at the free tier).
 * Credentials (SPEC §1.8.1): {@code X-API-Key: hd_…}, {@code Authorization: ApiKey hd_…},
 * {@code Authorization: Bearer hd_…} (an API key), {@code Authorization: Bearer <jwt>} (an access token),
 * and {@code Authorization: Basic base64(user:key)} as the TypeScript SDK sends it. Which part of a
 * credential was wrong is never said; after {@code authFailuresPerMinute} (default
 * {@value #MAX_FAILURES_PER_MINUTE}) wrong credentials in a minute from one address, its requests get 429 until the minute has passed (before any Argon2id work).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String CALLER = "hatidata.caller";
    static final String REMOTE_ADDRESS = "hatidata.remoteAddress";
    private static final String DECISION = "hatidata.rateLimit";
    private static final Set<String> PUBLIC = Set.of("auth/login", "auth/refresh", "auth/accept-invitation", "openapi.json");

    /** The default of failed authentications per client address and minute before 429. */
    static final int MAX_FAILURES_PER_MINUTE = 20;

    private final CallerAuthenticator authenticator;
    private final RateLimiter limiter;
    private final RateLimiter failures;
    private final int maxFailures;

    AuthenticationFilter(CallerAuthenticator authenticator, RateLimiter limiter, RateLimiter failures, int maxFailures) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.failures = failures;
        this.maxFailures = maxFailures;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String address = remoteAddress(request);
        String path = request.getUriInfo().getPath();
        if (PUBLIC.contains(path.startsWith("/") ? path.substring(1) : path)) {
            limit(request, "address:" + address, Tier.FREE);
            return;
        }
        RateLimiter.Decision guessing = failures.peek("failures:" + address, maxFailures);
        if (maxFailures > 0 && !guessing.allowed()) {
            request.setProperty(DECISION, guessing);
            Errors.abort(request, ErrorCode.RATE_LIMITED, "too many failed authentications from this address: retry after "
                    + guessing.retryAfterSeconds() + " s");
            return;
        }
        String secret = secret(request);
        if (secret == null) {
            unauthorized(request, "authentication required: send X-API-Key or Authorization");
            return;
        }
        Caller caller;
        try {
            caller = authenticator.authenticateCaller(new Credentials("", secret, "", address));
        } catch (AuthenticationUnavailableException ex) {
            Errors.abort(request, ErrorCode.INTERNAL_ERROR, ex.getMessage());
            return;
        } catch (AuthenticationException ex) {
            if (maxFailures > 0) {
                failures.count("failures:" + address);
            }
            unauthorized(request, "invalid credentials");
            return;
        }
        request.setProperty(CALLER, caller);
        limit(request, caller.rateLimitKey(), caller.tier());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
            response.getHeaders().putSingle("X-RateLimit-Limit", Integer.toString(decision.limit()));
            response.getHeaders().putSingle("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
            response.getHeaders().putSingle("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
            if (!decision.allowed()) {
                response.getHeaders().putSingle("Retry-After", Long.toString(decision.retryAfterSeconds()));
            }
        }
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }

    static String remoteAddress(ContainerRequestContext request) {
        Object address = request.getProperty(REMOTE_ADDRESS);
        return address == null ? "" : address.toString();
    }

    private void limit(ContainerRequestContext request, String identity, Tier tier) {
        RateLimiter.Decision decision = limiter.acquire(identity, tier);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            Errors.abort(request, ErrorCode.RATE_LIMITED, "rate limit exceeded: retry after "
                    + decision.retryAfterSeconds() + " s");
        }
    }

    private static void unauthorized(ContainerRequestContext request, String message) {
        request.abortWith(javax.ws.rs.core.Response.fromResponse(
                        Errors.response(ErrorCode.UNAUTHORIZED, message, java.util.Map.of(), RequestIds.of(request)))
                .header("WWW-Authenticate", "Bearer realm=\"hatidata\"").build());
    }

    /** The API key or token the request carries, or {@code null}. */
    static String secret(ContainerRequestContext request) {
        String key = request.getHeaderString("X-API-Key");
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        return switch (scheme) {
            case "apikey", "bearer" -> value.isEmpty() ? null : value;
            case "basic" -> basicPassword(value);
            default -> null;
        };
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
