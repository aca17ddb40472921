package io.hatidata.api.controlplane;

/**
 * A key that was just created: its metadata and the key itself, which is never shown again.
 * {@link #toString()} does not show the secret.
 */
public record CreatedApiKey(ApiKey key, String secret) {
    @Override
    public String toString() {
        return "CreatedApiKey[key=" + key + ", secret=<redacted>]";
    }
}
