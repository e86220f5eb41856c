package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.x509.CertificateFileException;
import corp.example.ocsp.core.x509.CertificateFiles;
import corp.example.ocsp.store.openssl.indextxt.IndexEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Writes many certificates rows at once: certificates from files, and index.txt through COPY. */
final class CertificateWriter {
    private static final HexFormat HEX = HexFormat.of();

    private final IssuerDirectory issuers;

    CertificateWriter(IssuerDirectory issuers) {
        this.issuers = issuers;
    }

    /** Certificates from a PEM bundle or a DER file, or a {@link StoreException} naming the file. */
    static List<X509CertificateHolder> read(Path file) {
        try {
            return CertificateFiles.readPemOrDer(file);
        } catch (CertificateFileException e) {
            throw new StoreException(
                    switch (e.problem()) {
                        case NO_SUCH_FILE, UNREADABLE -> "cannot read " + file + ": " + e.detail();
                        case NOT_DER -> file + ": not a DER X.509 certificate: " + e.detail();
                        case MALFORMED_PEM ->
                            file + ": malformed PEM after certificate " + e.certificatesRead() + ": " + e.detail();
                        case NO_CERTIFICATE -> file + ": no CERTIFICATE block in it (expected PEM or DER)";
                    },
                    e.getCause() == null ? e : e.getCause());
        }
    }

    ImportResult add(Connection c, IssuerDirectory.Row issuer, List<X509CertificateHolder> certs) throws SQLException {
        Map<BigInteger, X509CertificateHolder> bySerial = new HashMap<>();
        for (X509CertificateHolder cert : certs) {
            checkIssuedBy(cert, issuer.issuer());
            X509CertificateHolder other = bySerial.put(cert.getSerialNumber(), cert);
            if (other != null && !other.equals(cert)) {
                throw new StoreException(
                        "two different certificates with serial " + SerialNumbers.hex(cert.getSerialNumber())
                                + " of issuer " + issuer.issuer().label() + " in the input");
            }
        }
        Map<BigInteger, byte[]> existing = existingDer(c, issuer.id(), bySerial);
        int inserted = 0;
        int updated = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO certificates AS c (issuer_id, serial, status,"
                + " not_before, not_after, subject, der) VALUES (?, ?, 'good', ?, ?, ?, ?)"
                + " ON CONFLICT (issuer_id, serial) DO UPDATE SET der = EXCLUDED.der, not_before = EXCLUDED.not_before,"
                + " not_after = EXCLUDED.not_after, subject = EXCLUDED.subject WHERE c.der IS NULL")) {
            for (X509CertificateHolder cert : bySerial.values()) {
                BigInteger serial = cert.getSerialNumber();
                byte[] der = encoded(cert);
                if (existing.containsKey(serial)) {
                    byte[] stored = existing.get(serial);
                    if (stored != null && !Arrays.equals(stored, der)) {
                        throw new StoreException("serial " + SerialNumbers.hex(serial) + " of issuer "
                                + issuer.issuer().label() + " is already recorded with a different certificate");
                    }
                    if (stored != null) {
                        continue;
                    }
                    updated++;
                } else {
                    inserted++;
                }
                ps.setLong(1, issuer.id());
                ps.setBytes(2, SerialColumn.encode(serial));
                StatusRows.setInstant(ps, 3, Optional.of(cert.getNotBefore().toInstant()));
                StatusRows.setInstant(ps, 4, Optional.of(cert.getNotAfter().toInstant()));
                ps.setString(5, cert.getSubject().toString());
                ps.setBytes(6, der);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new ImportResult(inserted, updated, bySerial.size() - inserted - updated, 0);
    }

    private static void checkIssuedBy(X509CertificateHolder cert, Issuer issuer) {
        issuer.whyNotIssued(cert).ifPresent(why -> {
            throw new StoreException("certificate serial " + SerialNumbers.hex(cert.getSerialNumber()) + " ("
                    + cert.getSubject() + ") was not issued by issuer " + issuer.label() + " ("
                    + issuer.certificate().getSubject() + "): " + why);
        });
    }

    /** The stored DER (null if none) of each serial already recorded. */
    private static Map<BigInteger, byte[]> existingDer(Connection c, long issuerId, Map<BigInteger, ?> serials)
            throws SQLException {
        Map<BigInteger, byte[]> out = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT serial, der FROM certificates WHERE issuer_id = ? AND serial = ANY(?)")) {
            ps.setLong(1, issuerId);
            ps.setArray(2, Lookups.serialArray(c, serials.keySet()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(SerialColumn.decode(rs.getBytes(1)), rs.getBytes(2));
                }
            }
        }
        return out;
    }

    /**
     * COPYs {@code entries} into a temporary table as they are read (none held in memory), refuses a
     * serial on two lines, then merges the table into certificates in one statement. Revocations
     * other than certificateHold are never undone by a V line.
     */
    ImportResult importIndex(
            Connection c,
            IssuerDirectory.Row issuer,
            Consumer<Consumer<IndexEntry>> entries,
            long total,
            String source,
            ImportProgress progress)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE import_staging (line integer NOT NULL, serial bytea NOT NULL,"
                    + " status text NOT NULL, revoked_at timestamptz, reason smallint, invalidity_date timestamptz,"
                    + " not_after timestamptz, subject text) ON COMMIT DROP");
        }
        long copied = copyIntoStaging(c, entries, total, progress);
        try (Statement s = c.createStatement()) {
            // a temporary table is never analyzed on its own: unanalyzed, 1,000,000 staged rows were
            // planned as 2,707, and the joins below with them
            s.execute("ANALYZE import_staging");
        }
        refuseDuplicates(c, source);
        int keptRevoked;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM import_staging s JOIN certificates c"
                + " ON c.issuer_id = ? AND c.serial = s.serial"
                + " WHERE c.status = 'revoked' AND c.reason IS DISTINCT FROM 6 AND s.status = 'good'")) {
            ps.setLong(1, issuer.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                keptRevoked = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("WITH w AS (INSERT INTO certificates AS c (issuer_id, serial,"
                + " status, revoked_at, reason, invalidity_date, not_after, subject)"
                + " SELECT ?, serial, status, revoked_at, reason, invalidity_date, not_after, subject FROM import_staging"
                + " ON CONFLICT (issuer_id, serial) DO UPDATE SET status = EXCLUDED.status,"
                + " revoked_at = EXCLUDED.revoked_at, reason = EXCLUDED.reason,"
                + " invalidity_date = EXCLUDED.invalidity_date, not_after = EXCLUDED.not_after,"
                + " subject = coalesce(c.subject, EXCLUDED.subject)"
                + " WHERE NOT (c.status = 'revoked' AND c.reason IS DISTINCT FROM 6 AND EXCLUDED.status = 'good')"
                + " AND (c.status, c.revoked_at, c.reason, c.invalidity_date, c.not_after) IS DISTINCT FROM"
                + " (EXCLUDED.status, EXCLUDED.revoked_at, EXCLUDED.reason, EXCLUDED.invalidity_date, EXCLUDED.not_after)"
                + " RETURNING (xmax = 0) AS inserted)"
                + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM w")) {
            ps.setLong(1, issuer.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int inserted = rs.getInt(1);
                int updated = rs.getInt(2);
                return new ImportResult(
                        inserted, updated, (int) copied - inserted - updated - keptRevoked, keptRevoked);
            }
        }
    }

    /** A serial on two lines of the import is refused, naming the later line and the first. */
    private static void refuseDuplicates(Connection c, String source) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT serial, lines[1], lines[2] FROM (SELECT serial,"
                        + " array_agg(line ORDER BY line) AS lines FROM import_staging GROUP BY serial"
                        + " HAVING count(*) > 1) d ORDER BY lines[2] LIMIT 1")) {
            if (rs.next()) {
                throw new StoreException(source + " line " + rs.getInt(3) + ": serial "
                        + SerialNumbers.hex(SerialColumn.decode(rs.getBytes(1))) + " is already on line "
                        + rs.getInt(2));
            }
        }
    }

    /**
     * Streams {@code entries} into {@code import_staging} with COPY as they are read, reporting
     * progress (of {@code total}, -1 if unknown) as it goes; returns how many.
     */
    private static long copyIntoStaging(
            Connection c, Consumer<Consumer<IndexEntry>> entries, long total, ImportProgress progress)
            throws SQLException, IOException {
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Writer w = new BufferedWriter(
                new OutputStreamWriter(
                        new PGCopyOutputStream(pg, "COPY import_staging FROM STDIN", 1 << 16), StandardCharsets.UTF_8),
                1 << 16)) {
            long[] done = {0};
            try {
                entries.accept(e -> {
                    try {
                        copyLine(w, e);
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    if (++done[0] % ImportProgress.EVERY == 0) {
                        progress.at(done[0], Math.max(total, done[0]));
                    }
                });
            } catch (UncheckedIOException io) {
                throw io.getCause();
            }
            w.flush();
            progress.at(done[0], done[0]);
            return done[0];
        }
    }

    /** One line of COPY text format: tab-separated, \N for null, backslash escapes. */
    private static void copyLine(Writer w, IndexEntry e) throws IOException {
        w.write(Integer.toString(e.line()));
        w.write('\t');
        w.write("\\\\x");
        w.write(HEX.formatHex(SerialColumn.encode(e.serial())));
        w.write('\t');
        if (e.status() instanceof CertStatus.Revoked r) {
            w.write("revoked\t");
            w.write(r.revokedAt().toString());
            w.write('\t');
            w.write(r.reason().map(x -> Integer.toString(x.code())).orElse("\\N"));
            w.write('\t');
            w.write(r.invalidityDate().map(Instant::toString).orElse("\\N"));
        } else {
            w.write("good\t\\N\t\\N\t\\N");
        }
        w.write('\t');
        w.write(e.expires().toString());
        w.write('\t');
        w.write(escape(e.subject()));
        w.write('\n');
    }

    private static String escape(String s) {
        if (s.isEmpty()) {
            return "\\N";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static byte[] encoded(X509CertificateHolder cert) {
        try {
            return cert.getEncoded();
        } catch (IOException e) {
            throw new StoreException(
                    "cannot encode certificate serial " + SerialNumbers.hex(cert.getSerialNumber()), e);
        }
    }
}
