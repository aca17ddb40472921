package io.hatidata.webhooks;

import io.hatidata.api.runtime.DataDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Encrypts webhook signing secrets for storage: AES-256-GCM with a random 96-bit nonce per value and the
 * webhook id as associated data (a secret copied to another row does not decrypt), stored as
 * {@code v1:<base64 nonce‖ciphertext‖tag>}. The key is {@link SecretKeyFile}'s.
 */
@Component(configurationPid = WebhookPids.WEBHOOKS, service = SecretCipher.class)
public final class SecretCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    @Activate
    public SecretCipher(WebhooksConfig config) throws IOException {
        this(DataDirectory.resolve(config.dataDir()), new SecureRandom());
    }

    SecretCipher(Path dataDir, SecureRandom random) throws IOException {
        this.random = random;
        this.key = new SecretKeySpec(SecretKeyFile.loadOrCreate(dataDir, random), "AES");
    }

    String encrypt(String secret, String webhookId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM is not available", ex);
        }
    }

    /** The secret; {@link IllegalStateException} when the value was not sealed with this key for this webhook. */
    String decrypt(String stored, String webhookId) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a stored webhook secret has an unknown format");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("a stored webhook secret does not decrypt with the key in the data folder");
        }
    }
}
