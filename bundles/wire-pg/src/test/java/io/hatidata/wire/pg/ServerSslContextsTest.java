package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's TLS context from each certificate source, with the configured TLS versions. */
class ServerSslContextsTest {
    @TempDir
    Path folder;

    @Test
    void disabledMeansNoContext() {
        assertNull(ServerSslContexts.create(TlsSettings.DISABLED, Map.of()));
    }

    @Test
    void withoutConfiguredFilesUsesTheSelfSignedCertificateAndTls13() {
        SslContext context = ServerSslContexts.create(TestTls.selfSigned(folder, false), Map.of());
        assertTrue(context.isServer());
        assertTrue(Files.isRegularFile(folder.resolve("tls/server.crt")));
        SSLEngine engine = context.newEngine(UnpooledByteBufAllocator.DEFAULT);
        assertEquals(List.of("TLSv1.3"), List.of(engine.getEnabledProtocols()));
    }

    @Test
    void loadsConfiguredPemFiles() throws Exception {
        SelfSignedCertificateStore elsewhere = new SelfSignedCertificateStore(folder.resolve("etc"));
        elsewhere.ensure();
        TlsSettings tls = new TlsSettings(true, false, List.of("TLSv1.3", "TLSv1.2"), elsewhere.certificateFile(),
                elsewhere.privateKeyFile(), null, "PKCS12", folder.resolve("data"));
        SslContext context = ServerSslContexts.create(tls, Map.of());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"),
                List.of(context.newEngine(UnpooledByteBufAllocator.DEFAULT).getEnabledProtocols()).stream().sorted().toList());
        assertTrue(Files.notExists(folder.resolve("data/tls")), "no self-signed certificate is generated");
    }

    @Test
    void loadsAKeyStoreWithThePasswordFromTheEnvironment() throws Exception {
        Path keyStore = pkcs12("s3cret");
        TlsSettings tls = new TlsSettings(true, false, List.of("TLSv1.3"), null, null, keyStore, "PKCS12", folder);
        assertTrue(ServerSslContexts.create(tls, Map.of(TlsSettings.KEY_STORE_PASSWORD_VARIABLE, "s3cret")).isServer());

        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> ServerSslContexts.create(tls, Map.of(TlsSettings.KEY_STORE_PASSWORD_VARIABLE, "wrong")));
        assertTrue(wrong.getMessage().contains(TlsSettings.KEY_STORE_PASSWORD_VARIABLE), wrong.getMessage());
    }

    @Test
    void anUnknownProtocolFailsAtStart() {
        TlsSettings tls = new TlsSettings(true, false, List.of("TLSv9"), null, null, null, "PKCS12", folder);
        assertThrows(IllegalArgumentException.class, () -> ServerSslContexts.create(tls, Map.of()));
    }

    @Test
    void aMissingCertificateFileFailsWithItsName() {
        TlsSettings tls = new TlsSettings(true, false, List.of("TLSv1.3"), folder.resolve("missing.crt"),
                folder.resolve("missing.key"), null, "PKCS12", folder);
        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> ServerSslContexts.create(tls, Map.of()));
        assertTrue(failure.getMessage().contains("missing.crt"), failure.getMessage());
    }

    private Path pkcs12(String password) throws Exception {
        SelfSignedCertificateStore store = new SelfSignedCertificateStore(folder.resolve("source"));
        store.ensure();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", Pem.readPrivateKey(store.privateKeyFile()), password.toCharArray(),
                Pem.readCertificates(store.certificateFile()).toArray(Certificate[]::new));
        Path result = folder.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(result)) {
            keyStore.store(out, password.toCharArray());
        }
        return result;
    }
}
