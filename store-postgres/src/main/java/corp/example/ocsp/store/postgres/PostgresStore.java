package corp.example.ocsp.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.ChangeLog;
import corp.example.ocsp.core.status.FeedState;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.OutageGate;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status store on PostgreSQL: status lookups for the responder ({@link StatusSource}), the
 * change feed ({@link StatusFeed}: LISTEN/NOTIFY plus a periodic reconcile), the inventory for
 * precompute ({@link StatusInventory}), a cheap reachability check ({@link Reachability}), schema
 * migrations,
 * the read queries of the command line, and {@link #admin()} for writes.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.open(PostgresStoreConfig.of(url, user, password))) {
 *     store.migrate();                       // admin only; the responder's role cannot
 *     CertStatus s = store.lookup(issuer, serial);
 * }
 * }</pre>
 *
 * <p>Issuers are matched by their SHA-256 name and key hashes, not by label: a CA the store does
 * not hold answers {@link CertStatus#notKnown()} for every serial. A lookup that cannot reach the
 * database within {@link PostgresStoreConfig#lookupWait()} (at most 750 ms) throws {@link
 * corp.example.ocsp.core.status.StatusUnavailableException}; from the first sign the database is
 * unreachable (that lookup, the feed's connection lost, a failed {@link #check()}), every lookup
 * throws it at once until a background check every half second reaches the database again
 * ({@link OutageGate}). So a miss during an outage is answered tryLater within a second of the
 * outage, and at once after the first failure, however the misses are spaced. Thread-safe.
 */
public final class PostgresStore
        implements StatusSource, StatusFeed, StatusInventory, ChangeLog, Reachability, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final PostgresStoreConfig config;
    private final HikariDataSource pool;
    private final IssuerDirectory issuers = new IssuerDirectory();
    private final OutageGate gate;
    private final boolean listen;
    private ChangeFeed feed;

    private PostgresStore(PostgresStoreConfig config, boolean listen, Duration poolWait) {
        this.config = Objects.requireNonNull(config, "config");
        this.pool = Database.pool(config, poolWait);
        this.listen = listen;
        this.gate = new OutageGate("status store", this::check);
    }

    /**
     * A store on {@code config}'s database, for serving: a lookup waits at most {@link
     * PostgresStoreConfig#lookupWait()} for a connection. Opens even if the database is down;
     * lookups then fail fast.
     */
    public static PostgresStore open(PostgresStoreConfig config) {
        LOG.info("status store: {}", config);
        config.multiHostWarning().ifPresent(LOG::warn);
        return new PostgresStore(config, true, config.lookupWait());
    }

    /**
     * A store for one admin command (a fresh process): it waits the whole connection timeout for its
     * first connection, which a loaded machine's cold start may need, rather than the lookup wait.
     */
    public static PostgresStore openForAdmin(PostgresStoreConfig config) {
        config.multiHostWarning().ifPresent(LOG::warn);
        return new PostgresStore(config, true, config.connectionTimeout());
    }

    /** A store whose feed only reconciles (tests; standbys, which cannot LISTEN). */
    static PostgresStore openWithoutListen(PostgresStoreConfig config) {
        return new PostgresStore(config, false, config.lookupWait());
    }

    public PostgresStoreConfig config() {
        return config;
    }

    /**
     * Brings the schema up to date with the migrations in {@code db/migration}. Needs a role that
     * may create tables; the responder's does not.
     *
     * @throws StoreException naming the failed migration
     */
    public void migrate() {
        migrate(ImportProgress.NONE);
    }

    /** As {@link #migrate()}, telling {@code progress} after each migration (applied, of those pending). */
    public void migrate(ImportProgress progress) {
        try {
            MigrationProgress counting = new MigrationProgress(progress);
            Flyway flyway = Flyway.configure()
                    .dataSource(Database.unpooled(config))
                    .locations("classpath:db/migration")
                    .callbacks(counting)
                    .load();
            counting.pending(flyway.info().pending().length);
            var result = flyway.migrate();
            counting.finished();
            LOG.info(
                    "status store: schema at version {} ({} migrations applied)",
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new StoreException(
                    "database migration of " + config.safeJdbcUrl() + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public CertStatus lookup(Issuer issuer, BigInteger serial) {
        String what = "lookup of serial " + SerialNumbers.hex(serial) + " of " + issuer.label();
        gate.enter(what);
        try (Connection c = pool.getConnection()) {
            gate.reached();
            Optional<Long> id = issuers.idOf(issuer, c);
            return id.isEmpty() ? CertStatus.notKnown() : Lookups.status(c, id.get(), serial);
        } catch (SQLException e) {
            failed(e);
            throw Database.unavailable(what, e);
        }
    }

    /** All statuses in one round trip ({@code serial = ANY(?)}). */
    @Override
    public Map<BigInteger, CertStatus> lookupAll(Issuer issuer, Collection<BigInteger> serials) {
        String what = "lookup of " + serials.size() + " serials of " + issuer.label();
        gate.enter(what);
        try (Connection c = pool.getConnection()) {
            gate.reached();
            Optional<Long> id = issuers.idOf(issuer, c);
            if (id.isEmpty()) {
                return notKnown(serials);
            }
            return Lookups.statuses(c, id.get(), serials);
        } catch (SQLException e) {
            failed(e);
            throw Database.unavailable(what, e);
        }
    }

    /**
     * {@code SELECT 1} on a pooled connection, with the pool's wait and the statement timeout:
     * proves the database answers without touching a table, however large. It bypasses the outage
     * gate (it is how the gate's background check and readiness notice the database is back) and
     * moves it: success opens it, a connection failure closes it.
     *
     * @throws StatusUnavailableException naming the database and why
     */
    @Override
    public void check() {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            gate.reached();
        } catch (SQLException e) {
            failed(e);
            throw new StatusUnavailableException(
                    "cannot reach " + config.safeJdbcUrl() + ": " + Database.oneLine(e), e);
        }
    }

    /**
     * Delivers every change committed from now on, on the feed thread, at least once. The feed
     * (listener connection and reconcile) starts with the first subscription.
     */
    @Override
    public Subscription subscribe(Consumer<StatusChange> subscriber) {
        return subscribeBatches(batch -> batch.forEach(subscriber));
    }

    /** As {@link #subscribe}, the changes of each reconcile or notification together, up to 1,000 at a time. */
    @Override
    public synchronized Subscription subscribeBatches(Consumer<List<StatusChange>> subscriber) {
        if (feed == null) {
            feed = new ChangeFeed(config, pool, issuers, listen, gate);
            feed.start();
        }
        return feed.subscribe(subscriber);
    }

    /** How many reconciles the feed has completed (0 before the first subscription); for tests. */
    synchronized long reconciles() {
        return feed == null ? 0 : feed.reconciles();
    }

    /** True while lookups fail at once (the outage gate is closed); for tests. */
    boolean outage() {
        return gate.isClosed();
    }

    /** How many background checks the outage gate has made; for tests. */
    long outageChecks() {
        return gate.checks();
    }

    /** The lookup pool; for tests. */
    DataSource pool() {
        return pool;
    }

    /** True while the feed's LISTEN connection is up (false before the first subscription). */
    public synchronized boolean listening() {
        return feed != null && feed.listening();
    }

    /** How current the feed is; empty before the first subscription. */
    @Override
    public synchronized Optional<FeedState> state() {
        return feed == null ? Optional.empty() : Optional.of(feed.state());
    }

    /** Writes: issuers, certificates, revocations, imports. */
    public StoreAdmin admin() {
        return new StoreAdmin(pool, issuers);
    }

    /** Every registered issuer, by label, with its certificate count. */
    public List<IssuerRecord> issuers() {
        try (Connection c = pool.getConnection()) {
            List<IssuerRecord> out = new ArrayList<>();
            for (IssuerDirectory.Row row : issuers.all(c)) {
                out.add(new IssuerRecord(row.issuer(), row.createdAt(), Lookups.count(c, row.id())));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list issuers: " + Database.oneLine(e), e);
        }
    }

    /**
     * What the store holds for {@code serial} of the issuer labelled {@code issuerLabel}, or empty.
     *
     * @throws StoreException if no issuer has that label
     */
    public Optional<CertificateRecord> certificate(String issuerLabel, BigInteger serial) {
        try (Connection c = pool.getConnection()) {
            IssuerDirectory.Row row = issuers.requireLabel(issuerLabel, c);
            return Lookups.record(c, row.id(), row.issuer(), serial);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read serial " + SerialNumbers.hex(serial) + " of " + issuerLabel + ": "
                            + Database.oneLine(e),
                    e);
        }
    }

    /** Passes every certificate of every issuer to {@code action}, streaming (for cache precompute). */
    public void forEachCertificate(Consumer<CertificateRecord> action) {
        try (Connection c = pool.getConnection()) {
            Lookups.forEach(c, issuers, action);
        } catch (SQLException e) {
            throw new StoreException("cannot read the certificates: " + Database.oneLine(e), e);
        }
    }

    /** How many certificates the store holds (count(*): about a second for ten million rows), for the fill's progress. */
    @Override
    public OptionalLong count() {
        try (Connection c = pool.getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM certificates")) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        } catch (SQLException e) {
            return OptionalLong.empty(); // the progress goes without a total; the fill itself will say why
        }
    }

    @Override
    public void forEachKnown(Consumer<KnownCertificate> action) {
        forEachCertificate(r -> action.accept(new KnownCertificate(r.issuer(), r.serial(), r.status(), r.notAfter())));
    }

    /** Below which transaction id every change was delivered to the feed's subscribers; empty before the first reconcile. */
    @Override
    public synchronized OptionalLong delivered() {
        return feed == null ? OptionalLong.empty() : feed.delivered();
    }

    /**
     * The certificates changed since transaction id {@code position} (a {@link #delivered()} or an
     * earlier return of this), as they are now; returns the next position. Never empty: a
     * deletion pruned by {@link StoreAdmin#pruneDeletions} is not passed (see there).
     */
    @Override
    public OptionalLong changedSince(long position, Consumer<KnownCertificate> action) {
        try (Connection c = pool.getConnection()) {
            return OptionalLong.of(ChangeHistory.since(c, issuers, position, action));
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the changes since the response store's watermark: " + Database.oneLine(e), e);
        }
    }

    /** Stops the feed and closes every connection. */
    @Override
    public void close() {
        gate.close();
        synchronized (this) {
            if (feed != null) {
                feed.close();
            }
        }
        pool.close();
    }

    /** A lookup failed: the gate closes if the database could not be reached, else it was. */
    private void failed(SQLException e) {
        if (Database.isConnectionFailure(e)) {
            gate.failed(Database.oneLine(e));
        } else {
            gate.reached();
        }
    }

    private static Map<BigInteger, CertStatus> notKnown(Collection<BigInteger> serials) {
        Map<BigInteger, CertStatus> out = new LinkedHashMap<>();
        for (BigInteger s : serials) {
            out.put(s, CertStatus.notKnown());
        }
        return out;
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s).strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
