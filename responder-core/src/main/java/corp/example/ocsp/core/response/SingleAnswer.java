package corp.example.ocsp.core.response;

import corp.example.ocsp.core.status.CertStatus;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.asn1.ocsp.CertID;

/**
 * What to say of one CertID: the status to encode ({@link CertStatus#notKnown()} is encoded as
 * {@code unknown}) and its validity window. {@code certId} is echoed exactly as the client sent it.
 */
public record SingleAnswer(CertID certId, CertStatus status, Instant thisUpdate, Instant nextUpdate) {
    public SingleAnswer {
        Objects.requireNonNull(certId, "certId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }
}
