package corp.example.ocsp.store.cfssl;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A CA's row, read as a status (the rules are in the package overview); odd rows warned about once. */
final class RowMapping {
    private static final Logger LOG = LoggerFactory.getLogger(RowMapping.class);

    private final OnceLog once = new OnceLog(LOG);
    private final String where;

    RowMapping(String where) {
        this.where = where;
    }

    CertStatus status(Issuer issuer, CertdbRow row, X509CertificateHolder certificate) {
        String serial = SerialNumbers.hex(certificate.getSerialNumber());
        switch (row.status()) {
            case "good":
                return CertStatus.good();
            case "revoked":
                return CertStatus.revoked(revokedAt(issuer, row, certificate, serial), reason(row, issuer, serial));
            default:
                once.warn(
                        "status " + row.status(),
                        "CFSSL certdb {}: CA {} serial {} has status '{}', which is neither good nor revoked:"
                                + " answered as not known (warned once per status)",
                        where,
                        issuer.label(),
                        serial,
                        row.status());
                return CertStatus.notKnown();
        }
    }

    private Instant revokedAt(Issuer issuer, CertdbRow row, X509CertificateHolder certificate, String serial) {
        Optional<Instant> at = TimeText.parse(row.revokedAt());
        if (!TimeText.isZero(at)) {
            return at.get();
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        once.warn(
                "revoked_at " + issuer.id() + " " + serial,
                "CFSSL certdb {}: CA {} serial {} is revoked with revoked_at {}: answered revoked at its notBefore {}",
                where,
                issuer.label(),
                serial,
                row.revokedAt() == null ? "NULL" : "'" + row.revokedAt() + "'",
                notBefore);
        return notBefore;
    }

    /** The reason, none for 0 (as cfssl ocspsign encodes it) and for codes RFC 5280 does not define. */
    private RevocationReason reason(CertdbRow row, Issuer issuer, String serial) {
        Integer code = row.reason();
        if (code != null && code == 0) {
            return null;
        }
        Optional<RevocationReason> r = code == null ? Optional.empty() : RevocationReason.ofCode(code);
        if (r.isEmpty()) {
            once.warn(
                    "reason " + code,
                    "CFSSL certdb {}: CA {} serial {} is revoked with reason {}, which RFC 5280 does not define:"
                            + " answered revoked with no reason (warned once per code)",
                    where,
                    issuer.label(),
                    serial,
                    code == null ? "NULL" : code);
        }
        return r.orElse(null);
    }

    /** A row whose PEM is not the certificate asked for, or none at all. */
    void wrongPem(Issuer issuer, String askedSerial, CertdbRow row, Optional<X509CertificateHolder> pem) {
        if (pem.isEmpty()) {
            once.warn(
                    "pem " + issuer.id() + " " + askedSerial,
                    "CFSSL certdb {}: CA {} serial {}: the row's pem column holds no certificate: answered as not known",
                    where,
                    issuer.label(),
                    askedSerial);
            return;
        }
        once.warn(
                "schema",
                "CFSSL certdb {}: the row found for serial {} (serial_number {}) holds the certificate of serial {}:"
                        + " serial_number is not stored as text, as in CFSSL 1.2's SQLite schema (bytea columns store"
                        + " serials as REAL numbers that lose digits); such rows are answered as not known."
                        + " Recreate the table with serial_number as blob or text (warned once)",
                where,
                askedSerial,
                row.serialNumber(),
                SerialNumbers.hex(pem.get().getSerialNumber()));
    }
}
