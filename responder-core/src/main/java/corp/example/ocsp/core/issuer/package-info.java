/**
 * The CAs a responder answers for: each {@link corp.example.ocsp.core.issuer.Issuer} with its
 * CertID name and key hashes for SHA-1, SHA-256, SHA-384 and SHA-512, and the
 * {@link corp.example.ocsp.core.issuer.IssuerRegistry} that finds the issuer of a CertID.
 */
package corp.example.ocsp.core.issuer;
