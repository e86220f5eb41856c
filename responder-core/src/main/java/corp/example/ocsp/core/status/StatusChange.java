package corp.example.ocsp.core.status;

import corp.example.ocsp.core.issuer.Issuer;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A committed change to one certificate's status, as a {@link StatusFeed} delivers it: the
 * certificate was added, revoked, released from hold, or deleted ({@link CertStatus#notKnown()}).
 */
public record StatusChange(Issuer issuer, BigInteger serial, CertStatus status) {
    public StatusChange {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(status, "status");
    }
}
