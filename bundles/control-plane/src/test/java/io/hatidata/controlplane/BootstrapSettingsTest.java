package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapSettingsTest {
    private static final String KEY = "hd_live_" + "K".repeat(32);

    @Test
    void defaultsGenerateSecretsForAdminAtLocalhost() {
        BootstrapSettings settings = BootstrapSettings.fromEnvironment(Map.of());
        assertEquals("admin@localhost", settings.email());
        assertTrue(settings.apiKey().isEmpty());
        assertTrue(settings.password().isEmpty());
    }

    @Test
    void takesValidatedValuesFromTheEnvironment() {
        BootstrapSettings settings = BootstrapSettings.fromEnvironment(Map.of(
                "HATIDATA_BOOTSTRAP_EMAIL", "ops@example.com",
                "HATIDATA_BOOTSTRAP_API_KEY", KEY,
                "HATIDATA_BOOTSTRAP_PASSWORD", "correct horse battery"));
        assertEquals("ops@example.com", settings.email());
        assertEquals(KEY, settings.apiKey().orElseThrow());
        assertEquals("correct horse battery", settings.password().orElseThrow());
        assertFalse(settings.toString().contains(KEY));
        assertFalse(settings.toString().contains("horse"));
    }

    @Test
    void rejectsAMalformedKeyWithoutEchoingIt() {
        String bad = "hd_live_short";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BootstrapSettings.fromEnvironment(Map.of("HATIDATA_BOOTSTRAP_API_KEY", bad)));
        assertTrue(error.getMessage().contains("HATIDATA_BOOTSTRAP_API_KEY"));
        assertFalse(error.getMessage().contains(bad));
    }

    @Test
    void rejectsATestKeyAsTheOwnerKey() {
        assertThrows(IllegalArgumentException.class, () -> BootstrapSettings.fromEnvironment(
                Map.of("HATIDATA_BOOTSTRAP_API_KEY", "hd_test_" + "K".repeat(32))));
    }

    @Test
    void rejectsAShortPasswordAndABadEmail() {
        assertThrows(IllegalArgumentException.class,
                () -> BootstrapSettings.fromEnvironment(Map.of("HATIDATA_BOOTSTRAP_PASSWORD", "short")));
        assertThrows(IllegalArgumentException.class,
                () -> BootstrapSettings.fromEnvironment(Map.of("HATIDATA_BOOTSTRAP_EMAIL", "not an email")));
    }
}
