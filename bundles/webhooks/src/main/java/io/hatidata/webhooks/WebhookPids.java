package io.hatidata.webhooks;

/** Configuration PIDs of this bundle; each has a documented {@code etc/<pid>.cfg}. */
final class WebhookPids {
    /** Storage, dispatching, retries and the target policy. */
    static final String WEBHOOKS = "io.hatidata.webhooks";

    private WebhookPids() {}
}
