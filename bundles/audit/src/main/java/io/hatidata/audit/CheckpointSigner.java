package io.hatidata.audit;

import io.hatidata.api.audit.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs and verifies chain checkpoints with Ed25519 (BouncyCastle's lightweight API). The private key is
 * generated on the first start into {@code <data>/audit/checkpoint-key} (the 32-byte seed, base64,
 * owner-only permissions, written atomically) and reused afterwards. The signed message is
 * {@code hatidata-audit-checkpoint-v1\n<log>\n<chain_id>\n<seq>\n<entry_hash>\n<signed_at epoch ms>} in
 * UTF-8 (docs/audit.md).
 */
final class CheckpointSigner {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    CheckpointSigner(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    /** The signer of the key in this file, generating the file first when it does not exist. */
    static CheckpointSigner fromFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            generate(file);
        }
        byte[] seed = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        return new CheckpointSigner(new Ed25519PrivateKeyParameters(seed, 0));
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Ed25519PrivateKeyParameters generated = new Ed25519PrivateKeyParameters(new SecureRandom());
        Path temporary = Files.createTempFile(file.getParent(), "checkpoint-key", ".tmp");
        try {
            restrict(temporary);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(generated.getEncoded()) + "\n",
                    StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ex) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }

    static byte[] message(ChainKey chain, long sequence, String entryHash, long signedAtMillis) {
        return ("hatidata-audit-checkpoint-v1\n" + chain.kind().logName() + "\n" + chain.chainId() + "\n" + sequence
                + "\n" + entryHash + "\n" + signedAtMillis).getBytes(StandardCharsets.UTF_8);
    }

    /** The base64 signature of a checkpoint. */
    String sign(ChainKey chain, long sequence, String entryHash, long signedAtMillis) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        byte[] message = message(chain, sequence, entryHash, signedAtMillis);
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    /** Whether the signature is this key's signature of the checkpoint. */
    boolean verify(ChainKey chain, long sequence, String entryHash, long signedAtMillis, String signature) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException ex) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        byte[] message = message(chain, sequence, entryHash, signedAtMillis);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(bytes);
    }

    SigningKey publicKey() {
        byte[] raw = publicKey.getEncoded();
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(spki) + "\n-----END PUBLIC KEY-----\n";
        String keyId = CanonicalForm.sha256Hex(raw).substring(0, 16);
        return new SigningKey("Ed25519", keyId, Base64.getEncoder().encodeToString(raw), pem);
    }
}
