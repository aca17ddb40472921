package io.hatidata.webhooks;

import java.time.Instant;

/**
 * A delivery reserved for one attempt.
 *
 * @param id the delivery
 * @param webhookId its webhook
 * @param eventId the event id (signed as {@code webhook-id})
 * @param eventType the event type
 * @param payload the JSON body, exactly as sent
 * @param eventCreatedAt when the event happened ({@code X-HatiData-Timestamp})
 * @param attempt this attempt's number, from 1
 */
record ClaimedDelivery(String id, String webhookId, String eventId, String eventType, String payload,
        Instant eventCreatedAt, int attempt) {}
