package corp.example.ocsp.core.request;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;

/**
 * A well-formed request: its CertIDs in order, the nonce extension if the client sent one (to echo
 * exactly), and whether the request was signed (the signature is not checked, RFC 9919 §3.1.2).
 */
public record ParsedRequest(List<RequestedCert> certs, Optional<Extension> nonce, boolean signed)
        implements ParseResult {
    public ParsedRequest {
        certs = List.copyOf(certs);
    }
}
