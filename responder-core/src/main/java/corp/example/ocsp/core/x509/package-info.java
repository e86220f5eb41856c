/**
 * X.509 plumbing every module shares: {@link corp.example.ocsp.core.x509.CertificateFiles} reads
 * certificates (and the other blocks of a PEM file) from files, and {@link
 * corp.example.ocsp.core.x509.BouncyCastle} holds the one Bouncy Castle provider instance, passed by
 * reference wherever a provider is needed so the JVM's provider list is never changed.
 */
package corp.example.ocsp.core.x509;
