package io.hatidata.api.webhooks;

/** A delivery did not verify: the message says why (never which secret or what was expected). */
public class WebhookVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }
}
