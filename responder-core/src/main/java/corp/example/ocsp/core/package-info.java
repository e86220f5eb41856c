/**
 * The public face of the OCSP engine: {@link corp.example.ocsp.core.Responder} turns request bytes
 * into an {@link corp.example.ocsp.core.OcspAnswer} under a {@link
 * corp.example.ocsp.core.ResponderSettings}, and its {@link corp.example.ocsp.core.CacheMaintainer}
 * keeps the response cache full and fresh. The subpackages hold the parts: {@code request}
 * (parsing), {@code issuer} (CAs and CertID hashes), {@code status} (the status SPI), {@code signing}
 * (keys and certificates), {@code response} (encoding) and {@code cache} (the response cache).
 */
package corp.example.ocsp.core;
