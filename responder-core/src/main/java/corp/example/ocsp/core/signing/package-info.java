/**
 * The responder's signing key and certificate: loading from PEM or PKCS#12 (EC, RSA, Ed25519,
 * ML-DSA), the checks that refuse a signer no client would accept, and signing with the algorithm
 * that follows the key. A signer whose key is on a PKCS#11 token (loaded by {@code signing.pkcs11})
 * keeps a {@code TokenHealth}: a token that fails or hangs makes it unavailable
 * ({@link corp.example.ocsp.core.signing.SigningUnavailableException}, answered tryLater) until a
 * probe signature succeeds.
 */
package corp.example.ocsp.core.signing;
