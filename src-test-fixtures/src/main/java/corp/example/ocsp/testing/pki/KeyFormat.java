package corp.example.ocsp.testing.pki;

/**
 * The PEM encodings of a private key that
 * {@link CertBundle#writeKeyPem(java.nio.file.Path, KeyFormat, char[])} writes.
 */
public enum KeyFormat {
    /**
     * Unencrypted PKCS#8, {@code -----BEGIN PRIVATE KEY-----}; every key type. Written as a
     * version 1 PrivateKeyInfo without an embedded public key, as OpenSSL writes it (OpenSSL 3.0
     * cannot read the v2 form Bouncy Castle's own Ed25519 encoding uses).
     */
    PKCS8,
    /**
     * Encrypted PKCS#8, {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PBES2 with PBKDF2
     * (HMAC-SHA256) and AES-256-CBC, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it;
     * every key type; needs a password.
     */
    PKCS8_ENCRYPTED,
    /** SEC 1 (RFC 5915), {@code -----BEGIN EC PRIVATE KEY-----} with the named curve; EC only. */
    SEC1,
    /** PKCS#1, {@code -----BEGIN RSA PRIVATE KEY-----}; RSA keys only. */
    PKCS1
}
