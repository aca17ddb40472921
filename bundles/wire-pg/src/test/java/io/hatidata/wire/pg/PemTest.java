package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM certificates and keys as operators bring them: PKCS#8, PKCS#1 (RSA) and SEC1 (EC) keys, chains. */
class PemTest {
    @TempDir
    Path folder;

    @Test
    void readsAPkcs8Key() throws Exception {
        KeyPair pair = keyPair("EC");
        Path file = write("pkcs8.key", Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertArrayEquals(pair.getPrivate().getEncoded(), Pem.readPrivateKey(file).getEncoded());
    }

    @Test
    void readsTraditionalRsaAndEcKeys() throws Exception {
        for (String algorithm : List.of("RSA", "EC")) {
            KeyPair pair = keyPair(algorithm);
            Path file = write(algorithm + ".key", traditional(pair));
            String header = algorithm.equals("RSA") ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----";
            assertTrue(Files.readString(file).startsWith(header), Files.readString(file));
            assertTrue(signsFor(pair.getPublic(), Pem.readPrivateKey(file)), algorithm);
        }
    }

    @Test
    void readsACertificateChainInOrder() throws Exception {
        X509Certificate leaf = SelfSignedCertificateStore.selfSign(keyPair("EC"), Instant.now());
        X509Certificate other = SelfSignedCertificateStore.selfSign(keyPair("EC"), Instant.now());
        Path file = write("chain.crt", Pem.encode("CERTIFICATE", leaf.getEncoded())
                + Pem.encode("CERTIFICATE", other.getEncoded()));
        assertEquals(List.of(leaf, other), Pem.readCertificates(file));
    }

    @Test
    void aFileWithoutAKeyOrCertificateFails() throws Exception {
        Path empty = write("empty.pem", "nothing here\n");
        assertThrows(IOException.class, () -> Pem.readPrivateKey(empty));
        assertThrows(java.security.GeneralSecurityException.class, () -> Pem.readCertificates(empty));
    }

    /** Whether a signature made with {@code key} verifies with {@code publicKey}. */
    private static boolean signsFor(PublicKey publicKey, PrivateKey key) throws Exception {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }

    private static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        return generator.generateKeyPair();
    }

    /** The key in the traditional OpenSSL form: PKCS#1 for RSA, SEC1 with the curve named (as openssl writes it). */
    private static String traditional(KeyPair pair) throws IOException {
        if (pair.getPrivate().getAlgorithm().equals("EC")) {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
            return Pem.encode("EC PRIVATE KEY", sec1.getEncoded());
        }
        StringWriter result = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(result)) {
            writer.writeObject(pair);
        }
        return result.toString();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
