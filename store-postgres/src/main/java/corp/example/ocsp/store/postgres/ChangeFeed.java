package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.FeedState;
import corp.example.ocsp.core.status.OutageGate;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed: one thread that LISTENs on channel {@code ocsp_status} over its own connection
 * and, every reconcile period, asks the {@link Reconciler} for changes the notifications missed
 * (while the listener is up, on a second connection of its own, so a reconcile never waits for the
 * pool the lookups share).
 *
 * <p>One thread does both, and every read starts after the previous one ended, so a subscriber
 * never receives an older state of a row after a newer one. A long reconcile (a bulk change) does
 * not hold back the changes committed after it: between its batches the thread delivers what the
 * listener received meanwhile, read as the rows are now, and the reconcile skips its own, older
 * reads of those rows. When the listener connection breaks,
 * the thread reconnects with exponential backoff and reconciles at once when it is back; the
 * reconcile keeps running (through the pool) while the listener is down.
 */
final class ChangeFeed implements AutoCloseable {
    static final String CHANNEL = "ocsp_status";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final PostgresStoreConfig config;
    private final DataSource pool;
    private final IssuerDirectory issuers;
    private final boolean listen;
    private final OutageGate gate;
    private final Reconciler reconciler = new Reconciler();
    /** The most changes passed to a subscriber at once. */
    static final int BATCH = 1_000;

    private final List<Consumer<List<StatusChange>>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final FeedListener listener;
    /** The reconciles' connection while the listener is up (null until needed, or after a failure). */
    private volatile Connection reconciling;
    /** Why the last attempt to open {@link #reconciling} failed ("" after one that worked): said once. */
    private String noSecondConnection = "";

    private volatile boolean running = true;
    private long nextReconcileAt;
    private boolean reconcileFailing;
    private volatile long reconciles;
    private volatile long caughtUpAtMillis = -1;
    private volatile long deliveredBelow = -1;
    private volatile String reconcileProblem = "";
    /** How long the subscribers took over the changes of the current reconcile; the feed thread's. */
    private long applyingNanos;

    /**
     * A feed; with {@code listen} false it only reconciles (for tests). Losing its connection to the
     * database closes {@code gate}, so lookups stop waiting for it at once.
     */
    ChangeFeed(PostgresStoreConfig config, DataSource pool, IssuerDirectory issuers, boolean listen, OutageGate gate) {
        this.config = config;
        this.pool = pool;
        this.issuers = issuers;
        this.listen = listen;
        this.gate = gate;
        this.listener = new FeedListener(config, gate);
        this.thread = DaemonThreads.unstarted(config.applicationName() + "-status-feed", this::run);
    }

    void start() {
        thread.start();
    }

    /** Passes the changes of each read (a reconcile's, a notification batch's) in lists of at most {@link #BATCH}. */
    StatusFeed.Subscription subscribe(Consumer<List<StatusChange>> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /**
     * How many reconciles have completed. The first sets the watermark: every change committed
     * after it is delivered, even without LISTEN.
     */
    long reconciles() {
        return reconciles;
    }

    /** The transaction id below which every committed change was delivered; empty before the first reconcile. */
    OptionalLong delivered() {
        long below = deliveredBelow;
        return below < 0 ? OptionalLong.empty() : OptionalLong.of(below);
    }

    /** True while the LISTEN connection is up. */
    boolean listening() {
        return listener.up();
    }

    /** When it last caught up (the start of the last completed reconcile), and whether LISTEN pushes changes. */
    FeedState state() {
        long at = caughtUpAtMillis;
        boolean pushed = listener.up();
        String why =
                pushed ? "" : listen ? listener.problem() : "LISTEN not used: changes arrive by the reconcile only";
        String detail = String.join(
                "; ",
                java.util.stream.Stream.of(why, reconcileProblem)
                        .filter(x -> !x.isEmpty())
                        .toList());
        return new FeedState(at < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at)), pushed, detail);
    }

    private void run() {
        nextReconcileAt = System.currentTimeMillis();
        while (running) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.error("status feed: unexpected failure; carrying on", e);
                sleep(config.reconcilePeriod().toMillis());
            }
        }
        listener.close();
        closeReconciling();
    }

    private void step() {
        if (listen && !listener.up() && System.currentTimeMillis() >= listener.nextConnectAt()) {
            if (listener.connect(CHANNEL)) {
                nextReconcileAt = 0; // catch up on whatever was committed while not listening
                closeReconciling(); // opened afresh: the one from before the loss may be broken too
            }
        }
        if (System.currentTimeMillis() >= nextReconcileAt) {
            reconcile();
        }
        long wakeAt = nextReconcileAt;
        if (listen && !listener.up()) {
            wakeAt = Math.min(wakeAt, listener.nextConnectAt());
        }
        long wait = Math.max(1, wakeAt - System.currentTimeMillis());
        if (listener.up()) {
            receive(wait);
        } else {
            sleep(wait);
        }
    }

    private void receive(long waitMillis) {
        Connection c = listener.connection();
        try {
            PGNotification[] notes = listener.receive(waitMillis);
            if (notes.length > 0) {
                handle(c, notes);
            }
        } catch (SQLException e) {
            listener.lost(e, !running);
        }
    }

    private void handle(Connection c, PGNotification[] notes) throws SQLException {
        Map<String, Set<BigInteger>> byIssuer = new LinkedHashMap<>();
        for (PGNotification n : notes) {
            String payload = n.getParameter();
            int colon = payload.indexOf(':');
            if (colon < 0) {
                nextReconcileAt = 0; // 'reconcile': a bulk change
                continue;
            }
            try {
                byIssuer.computeIfAbsent(payload.substring(0, colon), k -> new LinkedHashSet<>())
                        .add(SerialColumn.decodeHex(payload.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                LOG.warn("status feed: ignoring a malformed {} notification '{}'", CHANNEL, payload);
            }
        }
        List<RowChange> changes = new ArrayList<>();
        for (Map.Entry<String, Set<BigInteger>> e : byIssuer.entrySet()) {
            Optional<Long> issuerId = issuers.idOfKey(e.getKey(), c);
            if (issuerId.isEmpty()) {
                continue;
            }
            for (RowChange change : current(c, issuerId.get(), e.getValue())) {
                if (reconciler.firstDelivery(change)) {
                    changes.add(change);
                }
            }
        }
        deliver(changes, c);
    }

    /** The rows as they are now; a serial without a row was deleted. */
    private static List<RowChange> current(Connection c, long issuerId, Set<BigInteger> serials) throws SQLException {
        Map<BigInteger, RowChange> out = new LinkedHashMap<>();
        for (BigInteger s : serials) {
            out.put(s, new RowChange(issuerId, s, CertStatus.notKnown(), -1));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT serial, " + StatusRows.COLUMNS
                + ", change_xid::text AS xid FROM certificates WHERE issuer_id = ? AND serial = ANY(?)")) {
            ps.setLong(1, issuerId);
            ps.setArray(2, Lookups.serialArray(c, serials));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigInteger serial = SerialColumn.decode(rs.getBytes("serial"));
                    out.put(
                            serial,
                            new RowChange(
                                    issuerId, serial, StatusRows.status(rs), Long.parseLong(rs.getString("xid"))));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private void reconcile() {
        long start = System.currentTimeMillis();
        nextReconcileAt = start + config.reconcilePeriod().toMillis();
        try {
            long began = System.nanoTime();
            applyingNanos = 0;
            int changes;
            Connection listening = listener.connection(); // null once closed, by another thread too
            if (listening != null) { // its own connection: a reconcile never waits for the pool the lookups share
                changes = poll(reconcileConnection(listening));
            } else {
                try (Connection c = pool.getConnection()) {
                    changes = poll(c);
                }
            }
            reconciles++; // only this thread writes it
            caughtUpAtMillis = start;
            deliveredBelow = reconciler.watermark(); // every change before it was passed to the subscribers
            reconcileProblem = "";
            gate.reached();
            if (changes >= BATCH) { // a bulk change: operators see how long the responder took to apply it
                long took = System.nanoTime() - began;
                LOG.info(
                        "status feed: reconcile passed on {} changes in {} ms ({} ms of it applying them)",
                        changes,
                        took / 1_000_000,
                        applyingNanos / 1_000_000);
            } else if (changes > 0) {
                LOG.debug("status feed: reconcile delivered {} changes", changes);
            }
            if (reconcileFailing) {
                LOG.info("status feed: reconcile works again");
                reconcileFailing = false;
            }
        } catch (SQLException e) { // on the listener's connection too: checkAlive below tells if it broke
            closeReconciling(); // opened again by the next reconcile
            reconcileProblem = "reconcile failing: " + Database.oneLine(e);
            if (running) {
                Database.closeGateIfUnreachable(gate, e);
            }
            if (!reconcileFailing) {
                LOG.warn(
                        "status feed: reconcile failed ({}); retrying every {}",
                        Database.oneLine(e),
                        config.reconcilePeriod());
                reconcileFailing = true;
            }
        }
        if (listener.up()) {
            listener.checkAlive();
        }
    }

    /**
     * Reads the changes since the last reconcile on {@code c} and passes them on {@link #BATCH} at a
     * time as they are read, so the first of a bulk change apply while the rest are still coming;
     * after each batch, what the listener received meanwhile. Returns how many the reconcile read.
     */
    private int poll(Connection c) throws SQLException {
        List<RowChange> batch = new ArrayList<>(BATCH);
        int changes = reconciler.poll(c, change -> {
            batch.add(change);
            if (batch.size() == BATCH) {
                deliver(batch, c);
                batch.clear();
                if (c != listener.connection()) {
                    arrivedMeanwhile();
                }
            }
        });
        deliver(batch, c);
        return changes;
    }

    /** Delivers the notifications that arrived during a reconcile, as the listener would after it. */
    private void arrivedMeanwhile() {
        Connection c = listener.connection();
        if (c == null) {
            return;
        }
        try {
            PGNotification[] notes = listener.arrived();
            if (notes.length > 0) {
                handle(c, notes);
            }
        } catch (SQLException e) {
            listener.lost(e, !running);
        }
    }

    /**
     * The connection reconciles use while the listener is up: one of the feed's own, on a primary as
     * the listener's is (a standby cannot LISTEN), or the listener's own when a second cannot be had
     * (then what arrives during a reconcile waits for its end: a session in a transaction receives
     * no notifications).
     */
    private Connection reconcileConnection(Connection listening) {
        Connection c = reconciling;
        if (c != null) {
            return c;
        }
        String why;
        try {
            c = Database.reconcileConnection(config);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    reconciling = c;
                    noSecondConnection = "";
                    return c;
                }
            }
            why = "it reached a standby, whose rows may be older than the listener's"; // the URL allows any host
        } catch (SQLException e) {
            why = Database.oneLine(e);
        }
        Database.closeQuietly(c);
        if (running && !why.equals(noSecondConnection)) {
            LOG.warn(
                    "status feed: cannot open a second connection for reconciles ({}); reconciling on the listener's,"
                            + " so a change committed during a long reconcile waits for its end",
                    why);
            noSecondConnection = why;
        }
        return listening;
    }

    private void closeReconciling() {
        Connection c = reconciling;
        reconciling = null;
        Database.closeQuietly(c);
    }

    /** Passes {@code changes} to every subscriber, in order, {@link #BATCH} at a time. */
    private void deliver(List<RowChange> changes, Connection c) throws SQLException {
        for (int from = 0; from < changes.size(); from += BATCH) {
            List<StatusChange> batch = new ArrayList<>(Math.min(BATCH, changes.size() - from));
            for (RowChange change : changes.subList(from, Math.min(changes.size(), from + BATCH))) {
                batch.add(new StatusChange(issuers.issuer(change.issuerId(), c), change.serial(), change.status()));
            }
            long began = System.nanoTime();
            for (Consumer<List<StatusChange>> s : subscribers) {
                try {
                    s.accept(batch);
                } catch (RuntimeException e) {
                    LOG.error(
                            "status feed: subscriber failed on {} changes from {} serial {}",
                            batch.size(),
                            batch.get(0).issuer().label(),
                            SerialNumbers.hex(batch.get(0).serial()),
                            e);
                }
            }
            applyingNanos += System.nanoTime() - began;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        listener.close();
        closeReconciling();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
