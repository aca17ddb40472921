package io.hatidata.wire.pg;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's self-signed certificate, used when no certificate is configured: generated once with
 * BouncyCastle (EC P-256, {@code CN=localhost}, SAN {@code DNS:localhost} and {@code IP:127.0.0.1}, valid
 * two years) and kept as {@code <dataDir>/tls/server.crt} and {@code server.key} (PEM, the key PKCS#8 and
 * readable by the owner only), so later starts — and clients that pinned it — see the same certificate.
 *
 * <p>Each file is written to a temporary file and moved into place, so a crash never leaves half a file.
 * When one of the two is missing, both are generated again.
 */
final class SelfSignedCertificateStore {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificateStore.class);
    private static final Duration VALIDITY = Duration.ofDays(730);
    private static final String SUBJECT = "CN=localhost";

    private final Path folder;

    /** @param dataDir the product's data folder; the files live in its {@code tls} folder */
    SelfSignedCertificateStore(Path dataDir) {
        this.folder = dataDir.resolve("tls");
    }

    Path certificateFile() {
        return folder.resolve("server.crt");
    }

    Path privateKeyFile() {
        return folder.resolve("server.key");
    }

    /** Generates the certificate and key unless both exist; returns whether it generated them. */
    boolean ensure() throws IOException, GeneralSecurityException {
        if (Files.isRegularFile(certificateFile()) && Files.isRegularFile(privateKeyFile())) {
            return false;
        }
        Files.createDirectories(folder);
        KeyPair pair = newKeyPair();
        X509Certificate certificate = selfSign(pair, Instant.now());
        // the key first: a certificate file without its key would not be usable
        writeAtomically(privateKeyFile(), Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        writeAtomically(certificateFile(), Pem.encode("CERTIFICATE", certificate.getEncoded()), false);
        LOG.info("Generated a self-signed TLS certificate for the Postgres wire protocol in {}", folder);
        return true;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    static X509Certificate selfSign(KeyPair pair, Instant now) throws IOException, GeneralSecurityException {
        X500Name subject = new X500Name(SUBJECT);
        BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        }));
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException ex) {
            throw new GeneralSecurityException("cannot sign the self-signed certificate", ex);
        }
    }

    /** Writes a new file next to {@code target} and moves it into place; {@code secret}: rw------- on POSIX. */
    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path directory = target.getParent();
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
        Path temporary = secret && posix
                ? Files.createTempFile(directory, ".server", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, ".server", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
