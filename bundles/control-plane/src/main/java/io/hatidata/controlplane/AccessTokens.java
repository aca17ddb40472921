package io.hatidata.controlplane;

import io.hatidata.api.runtime.DataDirectory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and verifies RS256 access tokens (JWT, RFC 7519) with JDK cryptography. The RSA-2048 key pair is
 * generated on the first start into {@code <data>/jwt/signing-key.pem} (PKCS#8, {@code rw-------}) and
 * reused; its public half is published as a JSON Web Key Set with an RFC 7638 thumbprint as {@code kid}.
 *
 * <p>Verification accepts exactly the header this class writes ({@code alg} RS256, our {@code kid}), so no
 * algorithm can be substituted, checks the signature before reading any claim, then checks issuer and
 * expiry. Bundle-private service: only this bundle uses it.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = AccessTokens.class)
public final class AccessTokens {
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    static final String KEY_FILE = "signing-key.pem";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    /** What an access token says. */
    record Claims(String userId, String organizationId, String role, String environmentId, String environmentName,
            String sessionId, Instant expiresAt) {}

    private final KeyPair keys;
    private final String keyId;
    private final String header;
    private final String issuer;
    private final long lifetimeSeconds;
    private final Clock clock;

    @Activate
    public AccessTokens(ApiKeyAuthenticatorConfig config) throws IOException, GeneralSecurityException {
        this(DataDirectory.resolve(config.dataDir()).resolve("jwt"), config.tokenIssuer(),
                config.accessTokenSeconds(), Clock.systemUTC());
    }

    AccessTokens(Path keyFolder, String issuer, long lifetimeSeconds, Clock clock)
            throws IOException, GeneralSecurityException {
        this.keys = loadOrGenerate(keyFolder);
        this.issuer = issuer;
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = clock;
        this.keyId = thumbprint((RSAPublicKey) keys.getPublic());
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("alg", "RS256");
        members.put("typ", "JWT");
        members.put("kid", keyId);
        // a fixed member order: verification compares the header byte for byte, across restarts too
        this.header = encode(JsonText.write(members));
    }

    long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** Whether the text has the shape of a JWT (three base64url parts); says nothing about validity. */
    static boolean looksLikeToken(String text) {
        return text != null && text.startsWith("eyJ") && text.chars().filter(c -> c == '.').count() == 2
                && text.length() < 8192;
    }

    String issue(Claims claims) {
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuer);
        payload.put("sub", claims.userId());
        payload.put("org_id", claims.organizationId());
        payload.put("role", claims.role());
        payload.put("env", claims.environmentName());
        payload.put("env_id", claims.environmentId());
        payload.put("sid", claims.sessionId());
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.getEpochSecond() + lifetimeSeconds);
        String signingInput = header + "." + encode(JsonText.write(payload));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("RS256 is required by every Java platform", ex);
        }
    }

    /** The claims of a valid, unexpired token of this issuer; empty for anything else. */
    Optional<Claims> verify(String token) {
        if (!looksLikeToken(token)) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(URL_DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> claims = JsonText.read(new String(URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8));
            Instant expiresAt = Instant.ofEpochSecond((Long) claims.get("exp"));
            if (!issuer.equals(claims.get("iss")) || !clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Claims((String) claims.get("sub"), (String) claims.get("org_id"),
                    (String) claims.get("role"), (String) claims.get("env_id"), (String) claims.get("env"),
                    (String) claims.get("sid"), expiresAt));
        } catch (GeneralSecurityException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** {@code {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":…,"n":…,"e":…}]}}. */
    String jsonWebKeySet() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        return "{\"keys\":[" + JsonText.write(jwk) + "]}";
    }

    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        // RFC 7638: members e, kty, n in lexicographic order, no white space
        String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + unsigned(key.getModulus()) + "\"}";
        return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return URL.encodeToString(bytes);
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair loadOrGenerate(Path folder) throws IOException, GeneralSecurityException {
        Path file = folder.resolve(KEY_FILE);
        KeyFactory factory = KeyFactory.getInstance("RSA");
        if (Files.exists(file)) {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            RSAPrivateCrtKey privateKey =
                    (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair result = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(result.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
        OwnerSecretsFile.write(folder, KEY_FILE, pem);
        LOG.info("Generated the access-token signing key {}", file);
        return result;
    }
}
