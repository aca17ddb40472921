package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void generatedKeysAreFortyCharacterLiveKeys() {
        String key = ApiKeys.newLiveKey(new SecureRandom());
        assertEquals(40, key.length());
        assertTrue(key.startsWith("hd_live_"));
        assertTrue(ApiKeys.isWellFormed(key));
        assertEquals(key.substring(0, 12), ApiKeys.prefix(key));
    }

    @Test
    void acceptsTheDocumentedShapes() {
        assertTrue(ApiKeys.isWellFormed("hd_live_" + "a".repeat(32)));
        assertTrue(ApiKeys.isWellFormed("hd_test_" + "B1".repeat(16)));
        assertTrue(ApiKeys.isWellFormed("hd_agent_" + "c".repeat(31)));
    }

    @Test
    void rejectsOtherShapes() {
        assertFalse(ApiKeys.isWellFormed(null));
        assertFalse(ApiKeys.isWellFormed(""));
        assertFalse(ApiKeys.isWellFormed("hd_live_" + "a".repeat(31)));
        assertFalse(ApiKeys.isWellFormed("hd_live_" + "a".repeat(33)));
        assertFalse(ApiKeys.isWellFormed("hd_live_" + "a".repeat(31) + "-"));
        assertFalse(ApiKeys.isWellFormed("hd_prod_" + "a".repeat(32)));
        assertFalse(ApiKeys.isWellFormed("hd_agent_" + "c".repeat(32)));
    }
}
