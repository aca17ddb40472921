package io.hatidata.api.controlplane;

/**
 * Tokens issued by a login or a refresh. {@link #toString()} hides both tokens.
 *
 * @param accessToken an RS256 JWT valid {@code expiresInSeconds}
 * @param refreshToken an opaque token for one refresh (it rotates on every use)
 */
public record Tokens(String accessToken, String refreshToken, long expiresInSeconds) {
    @Override
    public String toString() {
        return "Tokens[accessToken=<redacted>, refreshToken=<redacted>, expiresInSeconds=" + expiresInSeconds + "]";
    }
}
