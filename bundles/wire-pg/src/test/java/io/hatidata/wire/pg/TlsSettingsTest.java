package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {
    private static final Path DATA = Path.of("/tmp/hatidata-data");

    @Test
    void protocolsAreCommaSeparatedAndTrimmed() {
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), TlsSettings.parseList(" TLSv1.3, ,TLSv1.2,"));
    }

    @Test
    void blankFilesAreNotConfiguredAndAbsoluteOnesStay() {
        assertNull(TlsSettings.configuredFile("  "));
        assertEquals(Path.of("/etc/pki/server.crt"), TlsSettings.configuredFile("/etc/pki/server.crt"));
    }

    @Test
    void contradictionsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new TlsSettings(false, true, List.of("TLSv1.3"), null, null, null, "PKCS12", DATA));
        assertThrows(IllegalArgumentException.class,
                () -> new TlsSettings(true, false, List.of(), null, null, null, "PKCS12", DATA));
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(
                true, false, List.of("TLSv1.3"), Path.of("/a.crt"), null, null, "PKCS12", DATA));
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(true, false, List.of("TLSv1.3"),
                Path.of("/a.crt"), Path.of("/a.key"), Path.of("/a.p12"), "PKCS12", DATA));
    }

    @Test
    void blankKeyStoreTypeIsPkcs12() {
        assertEquals("PKCS12", new TlsSettings(true, false, List.of("TLSv1.3"), null, null, null, " ", DATA).keyStoreType());
    }
}
