/**
 * The public face of the OCSP engine: {@link corp.example.ocsp.core.Responder} turns request bytes
 * into an {@link corp.example.ocsp.core.OcspAnswer} under a {@link
 * corp.example.ocsp.core.ResponderSettings}, and its {@link corp.example.ocsp.core.CacheMaintainer}
 * keeps the response cache full and fresh. The subpackages hold the parts: {@code request}
 * (parsing), {@code issuer} (CAs and CertID hashes), {@code status} (the status SPI and serial
 * numbers as people write them), {@code signing} (keys and certificates; {@code signing.pkcs11} for keys on a PKCS#11 token), {@code response}
 * (encoding), {@code cache} (the response cache), and two shared by every module: {@code x509}
 * (certificate files, the one Bouncy Castle provider) and {@code concurrent} (the project's threads).
 */
package corp.example.ocsp.core;
