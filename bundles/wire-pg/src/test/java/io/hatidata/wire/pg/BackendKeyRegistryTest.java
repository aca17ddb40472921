package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class BackendKeyRegistryTest {

    @Test
    void findsAConnectionOnlyWithTheWholeKeyAndForgetsItOnUnregister() {
        BackendKeyRegistry registry = new BackendKeyRegistry(new SecureRandom());
        BackendKey key = registry.register(null);
        assertTrue(registry.find(key).isEmpty(), "no connection object was registered");
        assertTrue(registry.find(new BackendKey(key.processId(), key.secretKey() + 1)).isEmpty());
        assertEquals(1, registry.size());
        registry.unregister(new BackendKey(key.processId(), key.secretKey() + 1));
        assertEquals(1, registry.size(), "a wrong secret does not unregister");
        registry.unregister(key);
        assertEquals(0, registry.size());
    }
}
