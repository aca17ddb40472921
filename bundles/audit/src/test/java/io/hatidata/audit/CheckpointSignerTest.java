package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSignerTest {
    private static final ChainKey CHAIN = new ChainKey(AuditLogKind.QUERY, "env_1");

    @TempDir
    Path dir;

    @Test
    void generatesAnOwnerOnlyKeyOnceAndReusesIt() throws Exception {
        Path file = dir.resolve("audit").resolve("checkpoint-key");
        CheckpointSigner first = CheckpointSigner.fromFile(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        CheckpointSigner again = CheckpointSigner.fromFile(file);
        assertEquals(first.publicKey(), again.publicKey());
        String signature = first.sign(CHAIN, 5, "a".repeat(64), 1000);
        assertTrue(again.verify(CHAIN, 5, "a".repeat(64), 1000, signature));
    }

    @Test
    void anyChangeInvalidatesTheSignature() {
        CheckpointSigner signer = Chains.signer();
        String signature = signer.sign(CHAIN, 5, "a".repeat(64), 1000);
        assertFalse(signer.verify(CHAIN, 4, "a".repeat(64), 1000, signature));
        assertFalse(signer.verify(CHAIN, 5, "b".repeat(64), 1000, signature));
        assertFalse(signer.verify(CHAIN, 5, "a".repeat(64), 1001, signature));
        assertFalse(signer.verify(new ChainKey(AuditLogKind.IAM, "env_1"), 5, "a".repeat(64), 1000, signature));
        assertFalse(signer.verify(CHAIN, 5, "a".repeat(64), 1000, "not base64!"));
    }

    @Test
    void publicKeyIsRawBase64AndAnEd25519SubjectPublicKeyInfo() throws Exception {
        var key = Chains.signer().publicKey();
        assertEquals("Ed25519", key.algorithm());
        assertEquals(32, Base64.getDecoder().decode(key.publicKey()).length);
        String body = key.pem().replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        var decoded = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        assertEquals("EdDSA", decoded.getAlgorithm());
        assertEquals(16, key.keyId().length());
    }
}
