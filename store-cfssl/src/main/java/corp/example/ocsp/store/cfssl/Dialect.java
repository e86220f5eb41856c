package corp.example.ocsp.store.cfssl;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How each database holds CFSSL's text columns: PostgreSQL as bytea and MySQL/MariaDB as varbinary
 * (the bytes of the text, as lib/pq and go-sql-driver/mysql send a Go string), SQLite as text (mattn/go-sqlite3 binds strings as
 * text; in the 1.2-era schema's {@code bytea} columns, of NUMERIC affinity, digits become numbers,
 * and a text parameter is converted the same way when compared).
 */
enum Dialect {
    BINARY {
        @Override
        void bindText(PreparedStatement ps, int index, String value) throws SQLException {
            ps.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        String text(ResultSet rs, String column) throws SQLException {
            byte[] b = rs.getBytes(column);
            return b == null ? null : new String(b, StandardCharsets.UTF_8);
        }
    },
    SQLITE {
        @Override
        void bindText(PreparedStatement ps, int index, String value) throws SQLException {
            ps.setString(index, value);
        }

        @Override
        String text(ResultSet rs, String column) throws SQLException {
            return rs.getString(column);
        }
    };

    static final String COLUMNS =
            "serial_number, authority_key_identifier, ca_label, status, reason, expiry, revoked_at, pem";

    abstract void bindText(PreparedStatement ps, int index, String value) throws SQLException;

    /** A text column (bytea on PostgreSQL, varbinary on MySQL); null if NULL. */
    abstract String text(ResultSet rs, String column) throws SQLException;

    /** The current row of a query of {@link #COLUMNS}. */
    CertdbRow row(ResultSet rs) throws SQLException {
        int reason = rs.getInt("reason");
        Integer r = rs.wasNull() ? null : reason;
        return new CertdbRow(
                nonNull(text(rs, "serial_number")),
                nonNull(text(rs, "authority_key_identifier")),
                nonNull(text(rs, "ca_label")),
                nonNull(text(rs, "status")),
                r,
                nonNull(rs.getString("expiry")),
                rs.getString("revoked_at"),
                nonNull(text(rs, "pem")));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
