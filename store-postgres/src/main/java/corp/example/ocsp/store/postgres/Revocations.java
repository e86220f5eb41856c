package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StoreAdmin#revoke} and {@link StoreAdmin#unrevoke}: each one transaction with its audit row. */
final class Revocations {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAdmin.class);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final int HOLD = RevocationReason.CERTIFICATE_HOLD.code();

    private final DataSource pool;
    private final IssuerDirectory issuers;

    Revocations(DataSource pool, IssuerDirectory issuers) {
        this.pool = pool;
        this.issuers = issuers;
    }

    CertificateRecord revoke(String issuerLabel, BigInteger serial, Revocation revocation, AuditTrail.Entry audit) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant at = revocation.revokedAt().orElse(now);
        String what = "serial " + SerialNumbers.hex(serial) + " of issuer " + issuerLabel;
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new StoreException("cannot revoke " + what + ": revocation time " + at + " is in the future");
        }
        if (revocation.invalidityDate().filter(d -> d.isAfter(at)).isPresent()) {
            throw new StoreException("cannot revoke " + what + ": invalidity date "
                    + revocation.invalidityDate().get() + " is after the revocation time " + at);
        }
        return Transactions.run(pool, "cannot revoke " + what, c -> {
            IssuerDirectory.Row row = issuers.requireLabel(issuerLabel, c);
            CertStatus current = lockStatus(c, row.id(), serial, "cannot revoke " + what);
            if (current instanceof CertStatus.Revoked r
                    && !r.reason().equals(Optional.of(RevocationReason.CERTIFICATE_HOLD))) {
                throw new StoreException("cannot revoke " + what + ": already " + r);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE certificates SET status = 'revoked', revoked_at = ?,"
                    + " reason = ?, invalidity_date = ? WHERE issuer_id = ? AND serial = ?")) {
                StatusRows.setInstant(ps, 1, Optional.of(at));
                ps.setObject(2, revocation.reason().map(r -> (short) r.code()).orElse(null), java.sql.Types.SMALLINT);
                StatusRows.setInstant(ps, 3, revocation.invalidityDate());
                ps.setLong(4, row.id());
                ps.setBytes(5, SerialColumn.encode(serial));
                ps.executeUpdate();
            }
            AuditTrail.append(
                    c,
                    audit.withDetail("at " + at
                            + revocation
                                    .invalidityDate()
                                    .map(d -> " invalid since " + d)
                                    .orElse("")));
            LOG.info(
                    "issuer {} serial {} revoked at {} ({})",
                    issuerLabel,
                    SerialNumbers.hex(serial),
                    at,
                    revocation.reason().map(RevocationReason::label).orElse("no reason"));
            return Lookups.record(c, row.id(), row.issuer(), serial).orElseThrow();
        });
    }

    CertificateRecord unrevoke(String issuerLabel, BigInteger serial, AuditTrail.Entry audit) {
        String what = "serial " + SerialNumbers.hex(serial) + " of issuer " + issuerLabel;
        return Transactions.run(pool, "cannot unrevoke " + what, c -> {
            IssuerDirectory.Row row = issuers.requireLabel(issuerLabel, c);
            CertStatus current = lockStatus(c, row.id(), serial, "cannot unrevoke " + what);
            if (!(current instanceof CertStatus.Revoked r)) {
                throw new StoreException("cannot unrevoke " + what + ": it is not revoked");
            }
            if (!r.reason().equals(Optional.of(RevocationReason.CERTIFICATE_HOLD))) {
                throw new StoreException("cannot unrevoke " + what + ": it is revoked for "
                        + r.reason().map(RevocationReason::label).orElse("no stated reason")
                        + "; only a certificateHold can be released, other revocations are permanent");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE certificates SET status = 'good', revoked_at = NULL,"
                    + " reason = NULL, invalidity_date = NULL WHERE issuer_id = ? AND serial = ? AND reason = "
                    + HOLD)) {
                ps.setLong(1, row.id());
                ps.setBytes(2, SerialColumn.encode(serial));
                ps.executeUpdate();
            }
            AuditTrail.append(c, audit);
            LOG.info("issuer {} serial {} released from hold", issuerLabel, SerialNumbers.hex(serial));
            return Lookups.record(c, row.id(), row.issuer(), serial).orElseThrow();
        });
    }

    private static CertStatus lockStatus(Connection c, long issuerId, BigInteger serial, String what)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + StatusRows.COLUMNS + " FROM certificates WHERE issuer_id = ? AND serial = ? FOR UPDATE")) {
            ps.setLong(1, issuerId);
            ps.setBytes(2, SerialColumn.encode(serial));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(what + ": the store has no certificate with that serial"
                            + " (record it first with cert add or cert import)");
                }
                return StatusRows.status(rs);
            }
        }
    }
}
