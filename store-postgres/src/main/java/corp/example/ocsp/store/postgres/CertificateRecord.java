package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.SerialNumbers;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * What the store holds for one certificate: its status ({@link CertStatus#good()} or a {@link
 * CertStatus.Revoked} with time, reason and invalidity date) and what is known of it.
 */
public record CertificateRecord(
        Issuer issuer,
        BigInteger serial,
        CertStatus status,
        Optional<Instant> notBefore,
        Optional<Instant> notAfter,
        Optional<String> subject,
        boolean hasCertificate,
        Instant updatedAt) {

    /** The serial in upper-case hex, as logs and OpenSSL print it. */
    public String serialHex() {
        return SerialNumbers.hex(serial);
    }
}
