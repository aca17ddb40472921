package io.hatidata.wire.pg;

import io.hatidata.api.runtime.DataDirectory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The validated TLS part of {@link PgServerConfig}. Where the server's certificate comes from, first match
 * wins: the PEM pair {@link #certificateFile}/{@link #privateKeyFile}, the key store {@link #keyStoreFile},
 * else a self-signed certificate kept under {@code <dataDir>/tls} (see {@link SelfSignedCertificateStore}).
 *
 * @param enabled SSLRequest is answered {@code 'S'}; otherwise {@code 'N'}
 * @param required a StartupMessage that did not come through TLS is refused (FATAL {@code 28000})
 * @param protocols the TLS versions offered, such as {@code TLSv1.3}
 * @param certificateFile PEM certificate chain, leaf first; {@code null} when not configured
 * @param privateKeyFile PEM private key (PKCS#8, PKCS#1 or SEC1); {@code null} when not configured
 * @param keyStoreFile key store with the server's key entry; {@code null} when not configured
 * @param keyStoreType its type, such as {@code PKCS12}
 * @param dataDir the product's data folder (self-signed certificate under {@code tls/})
 */
record TlsSettings(
        boolean enabled,
        boolean required,
        List<String> protocols,
        Path certificateFile,
        Path privateKeyFile,
        Path keyStoreFile,
        String keyStoreType,
        Path dataDir) {

    /** Environment variable holding the key store password (secrets are never in {@code etc/}). */
    static final String KEY_STORE_PASSWORD_VARIABLE = "HATIDATA_TLS_KEYSTORE_PASSWORD";

    /** No TLS: SSLRequest is answered {@code 'N'}. */
    static final TlsSettings DISABLED =
            new TlsSettings(false, false, List.of("TLSv1.3"), null, null, null, "PKCS12", Path.of("data"));

    TlsSettings {
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("tlsProtocols must name at least one TLS version");
        }
        if (required && !enabled) {
            throw new IllegalArgumentException("tlsRequired needs tlsEnabled");
        }
        if ((certificateFile == null) != (privateKeyFile == null)) {
            throw new IllegalArgumentException("tlsCertificateFile and tlsPrivateKeyFile go together");
        }
        if (certificateFile != null && keyStoreFile != null) {
            throw new IllegalArgumentException("configure either the PEM files or tlsKeyStoreFile, not both");
        }
        keyStoreType = keyStoreType == null || keyStoreType.isBlank() ? "PKCS12" : keyStoreType.strip();
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    static TlsSettings from(PgServerConfig config) {
        return new TlsSettings(
                config.tlsEnabled(),
                config.tlsRequired(),
                parseList(config.tlsProtocols()),
                configuredFile(config.tlsCertificateFile()),
                configuredFile(config.tlsPrivateKeyFile()),
                configuredFile(config.tlsKeyStoreFile()),
                config.tlsKeyStoreType(),
                DataDirectory.resolve(config.dataDir()));
    }

    /** Whether a PEM certificate and key are configured. */
    boolean hasPemFiles() {
        return certificateFile != null;
    }

    /** Whether a key store is configured. */
    boolean hasKeyStore() {
        return keyStoreFile != null;
    }

    /** {@code "TLSv1.3, TLSv1.2"} → [TLSv1.3, TLSv1.2]. */
    static List<String> parseList(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(each -> !each.isEmpty())
                .toList();
    }

    /**
     * A configured file: blank is none; a relative path is resolved against Karaf's {@code etc} folder
     * (system property {@code karaf.etc}), or the working directory outside Karaf.
     */
    static Path configuredFile(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        Path path = Path.of(configured.strip());
        if (path.isAbsolute()) {
            return path.normalize();
        }
        String etc = System.getProperty("karaf.etc");
        Path base = etc == null || etc.isBlank() ? Path.of("") : Path.of(etc);
        return base.resolve(path).toAbsolutePath().normalize();
    }
}
