package corp.example.ocsp.store.cfssl;

import com.zaxxer.hikari.HikariDataSource;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.OutageGate;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A CFSSL certdb, open for reading: the status of a CA's serial from its row in {@code
 * certificates}, found through the primary key (rules in the package overview). Never writes.
 * When the database cannot be read, every call throws {@link StatusUnavailableException} within
 * the timeout it was opened with; after one lookup failed so, lookups throw it at once (a background
 * check every half second tries again, {@link OutageGate}) until the certdb answers. Thread-safe.
 */
public final class Certdb implements StatusSource, Reachability, AutoCloseable {
    /** Connection, busy and statement timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private static final String BY_SERIAL = "SELECT " + Dialect.COLUMNS + " FROM certificates WHERE serial_number = ?";

    private final DbConfig config;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final PemCheck pems = new PemCheck();
    private final RowMapping mapping;
    /** While the certdb cannot be read, lookups fail at once (a background check every 500 ms tries again). */
    private final OutageGate gate;

    private Certdb(DbConfig config, Duration timeout, int poolSize) {
        this.config = config;
        this.dialect = config.driver() == DbConfig.Driver.SQLITE3 ? Dialect.SQLITE : Dialect.BINARY;
        this.pool = Pools.open(config, timeout, poolSize);
        this.mapping = new RowMapping(where());
        this.gate = new OutageGate("CFSSL certdb " + where(), this::check);
    }

    /**
     * Opens the certdb {@code config} names, with {@code timeout} for connections, SQLite's busy
     * wait and statements, and at most {@code poolSize} connections. A database that is down does not
     * fail this (lookups then throw {@link StatusUnavailableException}).
     *
     * @throws CertdbException if the data_source cannot work (a malformed PostgreSQL data_source)
     */
    public static Certdb open(DbConfig config, Duration timeout, int poolSize) {
        return new Certdb(config, timeout, poolSize);
    }

    /** Where the certdb is, for messages: driver and data_source, password masked. */
    public String where() {
        return config.toString();
    }

    @Override
    public CertStatus lookup(Issuer issuer, BigInteger serial) {
        return find(issuer, serial)
                .map(f -> mapping.status(issuer, f.row, f.certificate))
                .orElse(CertStatus.notKnown());
    }

    /** The row of {@code issuer}'s {@code serial} as CFSSL holds it, if the certdb has one. */
    public Optional<CertdbRow> row(Issuer issuer, BigInteger serial) {
        return find(issuer, serial).map(f -> f.row);
    }

    /**
     * Whose certificates the certdb holds, counted for {@code issuers} (the configured CAs); reads
     * every row's AKI, and the PEMs of rows with an empty AKI. For the admin command, not requests.
     */
    public CertdbCensus census(List<Issuer> issuers) {
        try (Connection c = pool.getConnection()) {
            return Census.take(c, dialect, issuers, pems);
        } catch (SQLException e) {
            throw unavailable("cannot be counted", e);
        }
    }

    /**
     * Reads one row's worth of the certificates table, bypassing the outage gate (readiness and the
     * gate's background check call it) and moving it: success opens it, a failure closes it.
     */
    @Override
    public void check() {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM certificates LIMIT 1")) {
            ps.executeQuery().close();
            gate.reached();
        } catch (SQLException e) {
            gate.failed(oneLine(e));
            throw unavailable("cannot be read", e);
        }
    }

    private record Found(CertdbRow row, X509CertificateHolder certificate) {}

    private Optional<Found> find(Issuer issuer, BigInteger serial) {
        List<CertdbRow> rows = rows(serial);
        String keyId = pems.keyId(issuer);
        Found byPem = null;
        for (CertdbRow row : rows) {
            boolean byAki = row.authorityKeyIdentifier().equalsIgnoreCase(keyId);
            if (!byAki && !row.authorityKeyIdentifier().isEmpty()) {
                continue; // another CA's certificate with the same serial
            }
            Optional<X509CertificateHolder> pem = PemCheck.certificate(row.pem());
            if (pem.isEmpty() || !pem.get().getSerialNumber().equals(serial)) {
                mapping.wrongPem(issuer, SerialNumbers.hex(serial), row, pem);
                continue;
            }
            if (byAki) {
                return Optional.of(new Found(row, pem.get()));
            }
            if (byPem == null && pems.signedBy(issuer, pem.get())) {
                byPem = new Found(row, pem.get());
            }
        }
        return Optional.ofNullable(byPem);
    }

    private List<CertdbRow> rows(BigInteger serial) {
        String what = "lookup of serial " + SerialNumbers.hex(serial);
        gate.enter(what);
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(BY_SERIAL)) {
            dialect.bindText(ps, 1, serial.toString());
            List<CertdbRow> rows = new ArrayList<>(1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(dialect.row(rs));
                }
            }
            gate.reached();
            return rows;
        } catch (SQLException e) {
            gate.failed(oneLine(e));
            throw unavailable(what + " failed", e);
        }
    }

    private StatusUnavailableException unavailable(String what, SQLException e) {
        return new StatusUnavailableException("CFSSL certdb " + where() + ": " + what + ": " + oneLine(e), e);
    }

    private static String oneLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
    }

    @Override
    public void close() {
        gate.close();
        pool.close();
    }
}
