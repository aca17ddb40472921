package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    private static final String SECRET = "whsec_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0";

    @TempDir
    Path dir;

    @Test
    void aSecretIsStoredEncryptedAndReadBackAfterARestart() throws Exception {
        String stored = new SecretCipher(dir, new SecureRandom()).encrypt(SECRET, "wh_1");
        assertFalse(stored.contains("a1B2c3"));
        assertNotEquals(stored, new SecretCipher(dir, new SecureRandom()).encrypt(SECRET, "wh_1"));
        assertEquals(SECRET, new SecretCipher(dir, new SecureRandom()).decrypt(stored, "wh_1"));
    }

    @Test
    void theKeyFileIsOwnerOnly() throws Exception {
        new SecretCipher(dir, new SecureRandom());
        Path file = dir.resolve(SecretKeyFile.FOLDER).resolve(SecretKeyFile.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void aValueCopiedToAnotherWebhookOrSealedWithAnotherKeyDoesNotDecrypt(@TempDir Path other) throws Exception {
        SecretCipher cipher = new SecretCipher(dir, new SecureRandom());
        String stored = cipher.encrypt(SECRET, "wh_1");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored, "wh_2"));
        assertThrows(IllegalStateException.class, () -> new SecretCipher(other, new SecureRandom()).decrypt(stored, "wh_1"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("plain", "wh_1"));
    }
}
