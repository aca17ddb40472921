package io.hatidata.api.webhooks;

import java.util.Set;

/**
 * The event types a webhook can subscribe to: those of SPEC §2.12.2 plus {@code key.created},
 * {@code environment.created}, {@code environment.ready}, {@code shadow.mismatch} and
 * {@code billing.quota_exceeded}. {@link #TEST} is what the test endpoint sends; every webhook receives
 * it on request without subscribing.
 */
public final class WebhookEventTypes {
    /** The type of a test event. */
    public static final String TEST = "webhook.test";

    /** Every type a webhook may subscribe to. */
    public static final Set<String> ALL = Set.of(
            "key.created", "key.rotated", "key.expiring", "key.revoked",
            "user.invited", "user.removed", "user.role_changed",
            "policy.created", "policy.updated", "policy.deleted", "policy.changed",
            "jit.requested", "jit.approved", "jit.denied",
            "environment.created", "environment.ready",
            "billing.warning", "billing.quota_exceeded",
            "trigger.fired", "shadow.mismatch");

    private WebhookEventTypes() {}

    /** Whether a webhook may subscribe to the type. */
    public static boolean isKnown(String type) {
        return type != null && ALL.contains(type);
    }
}
