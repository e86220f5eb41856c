package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Maps the responder's {@link Issuer}s to issuers rows, by the SHA-256 name and key hashes (never
 * by label), and rebuilds an {@link Issuer} from its row. Rows are never changed once written, so
 * found mappings are cached for good; an issuer missing from the store is asked again after
 * {@link #MISS_TTL_NANOS}, so registering it takes effect without a restart. Thread-safe.
 */
final class IssuerDirectory {
    static final long MISS_TTL_NANOS = 1_000_000_000L;
    private static final String ROW = "SELECT id, label, certificate, created_at FROM issuers ";

    /** An issuers row. */
    record Row(long id, Issuer issuer, Instant createdAt) {}

    private final ConcurrentMap<String, Long> idByIssuerId = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> missedAt = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Issuer> issuerById = new ConcurrentHashMap<>();

    /** The row id of {@code issuer}, or empty if the store does not know this CA. */
    Optional<Long> idOf(Issuer issuer, Connection c) throws SQLException {
        Long id = idByIssuerId.get(issuer.id());
        if (id != null) {
            return Optional.of(id);
        }
        Long missed = missedAt.get(issuer.id());
        if (missed != null && System.nanoTime() - missed < MISS_TTL_NANOS) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement(ROW + "WHERE sha256_name_hash = ? AND sha256_key_hash = ?")) {
            ps.setBytes(1, issuer.nameHash(HashAlgorithm.SHA256));
            ps.setBytes(2, issuer.keyHash(HashAlgorithm.SHA256));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    missedAt.put(issuer.id(), System.nanoTime());
                    return Optional.empty();
                }
                Row row = remember(rs);
                return Optional.of(row.id());
            }
        }
    }

    /** The issuer of row {@code id}. */
    Issuer issuer(long id, Connection c) throws SQLException {
        Issuer cached = issuerById.get(id);
        if (cached != null) {
            return cached;
        }
        return one(c, ROW + "WHERE id = ?", id)
                .map(Row::issuer)
                .orElseThrow(() -> new SQLException("issuers row " + id + " disappeared"));
    }

    /** The row whose issuer_key (the {@link Issuer#id()}) is {@code key}, as NOTIFY payloads name it. */
    Optional<Long> idOfKey(String key, Connection c) throws SQLException {
        Long id = idByIssuerId.get(key);
        return id != null
                ? Optional.of(id)
                : one(c, ROW + "WHERE issuer_key = ?", key).map(Row::id);
    }

    /** The row labelled {@code label}. */
    Optional<Row> byLabel(String label, Connection c) throws SQLException {
        return one(c, ROW + "WHERE label = ?", label);
    }

    /** The row labelled {@code label}, or a StoreException naming the label and the known ones. */
    Row requireLabel(String label, Connection c) throws SQLException {
        Optional<Row> row = byLabel(label, c);
        if (row.isPresent()) {
            return row.get();
        }
        List<String> labels = new ArrayList<>();
        for (Row r : all(c)) {
            labels.add(r.issuer().label());
        }
        throw new StoreException("unknown issuer label '" + label + "'"
                + (labels.isEmpty()
                        ? ": no issuer is registered (use issuer add)"
                        : "; known: " + String.join(", ", labels)));
    }

    /** Every issuers row, by label. */
    List<Row> all(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ROW + "ORDER BY label");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(remember(rs));
            }
        }
        return rows;
    }

    private Optional<Row> one(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(remember(rs)) : Optional.empty();
            }
        }
    }

    private Row remember(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Issuer issuer = issuerById.get(id);
        if (issuer == null) {
            issuer = Issuer.of(rs.getString("label"), certificate(rs.getBytes("certificate"), id));
            issuerById.put(id, issuer);
        }
        idByIssuerId.put(issuer.id(), id);
        missedAt.remove(issuer.id());
        return new Row(id, issuer, StatusRows.instant(rs, "created_at").orElseThrow());
    }

    private static X509CertificateHolder certificate(byte[] der, long id) throws SQLException {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new SQLException(
                    "issuers row " + id + " holds a certificate that does not parse: " + e.getMessage(), e);
        }
    }
}
