package io.hatidata.wire.pg;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's Netty {@link SslContext} (JDK provider, the configured TLS versions, no client
 * certificates) from {@link TlsSettings}, once per start or reconfiguration. The certificate comes from
 * the PEM files, else the key store (password from {@value TlsSettings#KEY_STORE_PASSWORD_VARIABLE}), else
 * the {@link SelfSignedCertificateStore}. Logs where it came from and its SHA-256 fingerprint, never the key.
 */
final class ServerSslContexts {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSslContexts.class);

    private ServerSslContexts() {}

    /** The context, or {@code null} when TLS is disabled; fails with a message that names the cause. */
    static SslContext create(TlsSettings tls, Map<String, String> environment) {
        if (!tls.enabled()) {
            return null;
        }
        try {
            SslContext result = build(tls, environment);
            checkProtocols(result, tls.protocols());
            return result;
        } catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException("cannot set up TLS for the Postgres wire protocol: " + ex.getMessage(), ex);
        }
    }

    private static SslContext build(TlsSettings tls, Map<String, String> environment)
            throws IOException, GeneralSecurityException {
        if (tls.hasKeyStore()) {
            return fromKeyStore(tls, environment);
        }
        if (tls.hasPemFiles()) {
            return fromPem(tls, tls.certificateFile(), tls.privateKeyFile());
        }
        SelfSignedCertificateStore store = new SelfSignedCertificateStore(tls.dataDir());
        store.ensure();
        return fromPem(tls, store.certificateFile(), store.privateKeyFile());
    }

    private static SslContext fromPem(TlsSettings tls, Path certificateFile, Path privateKeyFile)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.readCertificates(certificateFile);
        PrivateKey key = Pem.readPrivateKey(privateKeyFile);
        logCertificate(certificateFile.toString(), chain.get(0));
        return configure(SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)), tls);
    }

    private static SslContext fromKeyStore(TlsSettings tls, Map<String, String> environment)
            throws IOException, GeneralSecurityException {
        String secret = environment.getOrDefault(TlsSettings.KEY_STORE_PASSWORD_VARIABLE, "");
        char[] password = secret.toCharArray();
        KeyStore keyStore = KeyStore.getInstance(tls.keyStoreType());
        try (InputStream in = Files.newInputStream(tls.keyStoreFile())) {
            keyStore.load(in, password);
        } catch (IOException ex) {
            throw new IOException("cannot read key store " + tls.keyStoreFile() + " (is "
                    + TlsSettings.KEY_STORE_PASSWORD_VARIABLE + " set to its password?): " + ex.getMessage(), ex);
        }
        X509Certificate leaf = null;
        for (String alias : Collections.list(keyStore.aliases())) {
            Certificate certificate = keyStore.getCertificate(alias);
            if (keyStore.isKeyEntry(alias) && certificate instanceof X509Certificate x509) {
                leaf = x509;
                break;
            }
        }
        if (leaf == null) {
            throw new GeneralSecurityException("no private key entry in key store " + tls.keyStoreFile());
        }
        logCertificate(tls.keyStoreFile().toString(), leaf);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        return configure(SslContextBuilder.forServer(keyManagers), tls);
    }

    private static SslContext configure(SslContextBuilder builder, TlsSettings tls) throws IOException {
        return builder.sslProvider(SslProvider.JDK)
                .protocols(tls.protocols())
                .clientAuth(ClientAuth.NONE)
                .build();
    }

    /** Fails now, not at the first client, when the JDK does not offer a configured TLS version. */
    private static void checkProtocols(SslContext context, List<String> protocols) {
        SSLEngine engine;
        try {
            engine = context.newEngine(UnpooledByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("unsupported tlsProtocols " + protocols + ": " + ex.getMessage(), ex);
        }
        List<String> enabled = List.of(engine.getEnabledProtocols());
        if (!enabled.containsAll(protocols)) {
            throw new IllegalArgumentException("unsupported tlsProtocols " + protocols + "; available: "
                    + List.of(engine.getSupportedProtocols()));
        }
    }

    private static void logCertificate(String source, X509Certificate certificate) throws GeneralSecurityException {
        LOG.info("Postgres wire protocol TLS certificate from {}: subject {}, valid until {}, SHA-256 {}", source,
                certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant(),
                fingerprint(certificate));
    }

    /** The SHA-256 fingerprint as {@code AB:CD:…}, as {@code openssl x509 -fingerprint -sha256} shows it. */
    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
