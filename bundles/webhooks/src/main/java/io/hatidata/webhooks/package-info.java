/**
 * Webhooks: subscriptions and the durable delivery outbox in the control-plane database, fed by the
 * control-plane event log ({@link io.hatidata.webhooks.WebhookOutboxConsumer}); signing
 * ({@link io.hatidata.webhooks.DeliverySigner}); and the dispatcher that sends, retries and disables
 * ({@link io.hatidata.webhooks.WebhookDispatcher}). Private: exports nothing.
 */
package io.hatidata.webhooks;
