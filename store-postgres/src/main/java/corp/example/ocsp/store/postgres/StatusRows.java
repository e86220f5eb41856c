package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reads and writes the status columns of a certificates row. */
final class StatusRows {
    /** The columns {@link #status(ResultSet)} reads, for a SELECT list. */
    static final String COLUMNS = "status, revoked_at, reason, invalidity_date";

    private StatusRows() {}

    /** The status of the current row; a null {@code status} column (a deletion) is not known. */
    static CertStatus status(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        if (status == null) {
            return CertStatus.notKnown();
        }
        if (status.equals("good")) {
            return CertStatus.good();
        }
        int code = rs.getInt("reason");
        Optional<RevocationReason> reason = rs.wasNull() ? Optional.empty() : RevocationReason.ofCode(code);
        return new CertStatus.Revoked(instant(rs, "revoked_at").orElseThrow(), reason, instant(rs, "invalidity_date"));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    static void setInstant(PreparedStatement ps, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            ps.setObject(index, OffsetDateTime.ofInstant(value.get(), ZoneOffset.UTC));
        } else {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }
}
