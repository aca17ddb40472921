package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idHasherTest {
    private final Argon2idHasher hasher = new Argon2idHasher(64, 1, 1, new SecureRandom());

    @Test
    void verifiesTheSecretItHashed() {
        String stored = hasher.hash("hd_live_secret");
        assertTrue(stored.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), stored);
        assertTrue(hasher.verify("hd_live_secret", stored));
        assertFalse(hasher.verify("hd_live_secreT", stored));
    }

    @Test
    void saltsEachHash() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void verifiesWithTheCostStoredInTheHashNotTheCurrentOne() {
        String stored = new Argon2idHasher(128, 2, 1, new SecureRandom()).hash("key");
        assertTrue(hasher.verify("key", stored));
    }

    @Test
    void rejectsMalformedHashes() {
        assertFalse(hasher.verify("key", null));
        assertFalse(hasher.verify("key", "plaintext"));
        assertFalse(hasher.verify("key", "$argon2id$v=19$m=64,t=1,p=1$onlysalt"));
        assertFalse(hasher.verify("key", "$argon2id$v=19$m=x,t=1,p=1$AAAA$AAAA"));
        assertFalse(hasher.verify("key", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA"));
    }

    @Test
    void refusesAnUnusableCost() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2idHasher(4, 1, 1, new SecureRandom()));
    }
}
