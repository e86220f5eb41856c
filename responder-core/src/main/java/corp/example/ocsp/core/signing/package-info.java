/**
 * The responder's signing key and certificate: loading from PEM or PKCS#12, the checks that refuse
 * a signer no client would accept, and signing with the algorithm that follows the key.
 */
package corp.example.ocsp.core.signing;
