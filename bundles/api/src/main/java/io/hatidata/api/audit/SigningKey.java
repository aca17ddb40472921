package io.hatidata.api.audit;

/**
 * The public key that verifies audit checkpoints.
 *
 * @param algorithm {@code Ed25519}
 * @param keyId the first 16 hex digits of SHA-256 over the raw public key
 * @param publicKey the raw 32-byte public key, base64
 * @param pem the key as an X.509 SubjectPublicKeyInfo PEM block (readable by OpenSSL)
 */
public record SigningKey(String algorithm, String keyId, String publicKey, String pem) {}
