package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed certificate is generated once, kept under {@code <data>/tls} and reused. */
class SelfSignedCertificateStoreTest {
    @TempDir
    Path data;

    @Test
    void generatesALocalhostCertificateAndAnOwnerOnlyKey() throws Exception {
        SelfSignedCertificateStore store = new SelfSignedCertificateStore(data);
        assertTrue(store.ensure(), "generated");
        assertEquals(data.resolve("tls/server.crt"), store.certificateFile());
        assertEquals(data.resolve("tls/server.key"), store.privateKeyFile());

        X509Certificate certificate = Pem.readCertificates(store.certificateFile()).get(0);
        assertEquals("CN=localhost", certificate.getSubjectX500Principal().getName());
        certificate.verify(certificate.getPublicKey());
        Set<String> names = certificate.getSubjectAlternativeNames().stream()
                .map(each -> each.get(0) + ":" + each.get(1))
                .collect(Collectors.toSet());
        assertEquals(Set.of("2:localhost", "7:127.0.0.1"), names, "SAN DNS:localhost and IP:127.0.0.1");
        Duration validity = Duration.between(Instant.now(), certificate.getNotAfter().toInstant());
        assertTrue(validity.toDays() > 700 && validity.toDays() <= 730, "about two years: " + validity);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage(), "server authentication");

        assertEquals("EC", Pem.readPrivateKey(store.privateKeyFile()).getAlgorithm());
        assertTrue(Files.readString(store.privateKeyFile()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.privateKeyFile())));
        try (var files = Files.list(data.resolve("tls"))) {
            assertEquals(2, files.count(), "no temporary file is left");
        }
    }

    @Test
    void reusesTheFilesOnLaterStarts() throws Exception {
        assertTrue(new SelfSignedCertificateStore(data).ensure());
        byte[] certificate = Files.readAllBytes(data.resolve("tls/server.crt"));
        byte[] key = Files.readAllBytes(data.resolve("tls/server.key"));

        assertFalse(new SelfSignedCertificateStore(data).ensure(), "a later start keeps the certificate");
        assertArrayEquals(certificate, Files.readAllBytes(data.resolve("tls/server.crt")));
        assertArrayEquals(key, Files.readAllBytes(data.resolve("tls/server.key")));
    }

    @Test
    void generatesBothAgainWhenOneIsMissing() throws Exception {
        SelfSignedCertificateStore store = new SelfSignedCertificateStore(data);
        store.ensure();
        byte[] certificate = Files.readAllBytes(store.certificateFile());
        Files.delete(store.privateKeyFile());

        assertTrue(store.ensure());
        assertFalse(java.util.Arrays.equals(certificate, Files.readAllBytes(store.certificateFile())));
        X509Certificate regenerated = Pem.readCertificates(store.certificateFile()).get(0);
        assertEquals(regenerated.getPublicKey().getAlgorithm(), Pem.readPrivateKey(store.privateKeyFile()).getAlgorithm());
    }
}
