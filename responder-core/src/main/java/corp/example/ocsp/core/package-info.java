/**
 * The public face of the OCSP engine: {@link corp.example.ocsp.core.Responder} turns request bytes
 * into an {@link corp.example.ocsp.core.OcspAnswer} under a {@link
 * corp.example.ocsp.core.ResponderSettings}. The subpackages hold the parts: {@code request}
 * (parsing), {@code issuer} (CAs and CertID hashes), {@code status} (the status SPI and serial
 * numbers as people write them), {@code signing} (keys and certificates), {@code response}
 * (encoding), and two shared by every module: {@code x509} (certificate files, the one Bouncy
 * Castle provider) and {@code concurrent} (the project's threads).
 */
package corp.example.ocsp.core;
