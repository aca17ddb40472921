package io.hatidata.wire.pg;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files of the server's TLS identity: a certificate chain
 * ({@code -----BEGIN CERTIFICATE-----}, server certificate first) and an unencrypted private key in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1
 * ({@code BEGIN EC PRIVATE KEY}) form. Keys are parsed with BouncyCastle's {@link PEMParser} and turned
 * into JDK keys by the JDK's own key factories.
 */
final class Pem {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    /** The certificates of a PEM file, in file order; at least one. */
    static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> result = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (result.isEmpty()) {
                throw new CertificateException("no certificate in " + file);
            }
            return result;
        }
    }

    /** The first private key of a PEM file. */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object each = parser.readObject(); each != null; each = parser.readObject()) {
                if (each instanceof PEMKeyPair pair) {
                    // the private part only: a SEC1 key may come without its public key
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                } else if (each instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                } else if (each instanceof PEMEncryptedKeyPair || each instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IOException("encrypted private keys are not supported: " + file);
                }
            }
        }
        throw new IOException("no private key in " + file);
    }

    /** One PEM block, such as {@code encode("CERTIFICATE", certificate.getEncoded())}. */
    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
