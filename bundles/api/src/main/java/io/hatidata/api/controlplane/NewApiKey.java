package io.hatidata.api.controlplane;

import java.util.List;

/**
 * What to create a key with. {@code scopes} may name scopes, bundles and aliases ({@link Scopes}); empty
 * means the {@code read_only} bundle. {@code role} defaults to the creator's role and may not exceed it;
 * {@code expiresInDays} {@code null} means no expiry.
 */
public record NewApiKey(String name, List<String> scopes, List<String> ipAllowlist, String role, Integer expiresInDays) {
    public NewApiKey {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        ipAllowlist = ipAllowlist == null ? List.of() : List.copyOf(ipAllowlist);
    }
}
