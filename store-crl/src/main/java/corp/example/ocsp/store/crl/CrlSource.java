package corp.example.ocsp.store.crl;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.core.status.StatusWindow;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CA's CRLs as its status source: a full CRL and, if configured, its deltas, fetched from a
 * file or URL ({@link CrlFetch}) at start and again every refresh period (sooner as nextUpdate
 * nears), each verified ({@link CrlTrust}) and checked ({@link CrlState}) before it replaces what is
 * in force; the serials whose entry changed go to the {@link StatusFeed}. On the CRL: revoked as
 * listed; not on it: good or not known, as configured. Answers carry the CRL's window ({@link
 * #window}); once it expired, lookups throw {@link StatusUnavailableException} (tryLater) and
 * {@link #degraded()} says so until a current CRL arrives.
 */
public final class CrlSource implements StatusSource, Reachability, StatusFeed, StatusInventory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrlSource.class);
    private static final Duration SOONEST = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final Issuer issuer;
    private final CrlOptions options;
    private final Clock clock;
    private final CrlUpdater updater;
    private final List<Consumer<List<StatusChange>>> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile CrlState state;

    private CrlSource(Issuer issuer, CrlOptions options, CrlTrust trust, Clock clock) {
        this.issuer = issuer;
        this.options = options;
        this.clock = clock;
        this.updater = new CrlUpdater(issuer, options, trust, clock);
        this.timer =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("ocsp-crl " + issuer.label(), false));
    }

    /**
     * Reads the CA's CRL now and follows it from then on. A CRL file that cannot be read, is not a
     * CRL or whose signature does not verify stops this with one line saying so; a URL that does not
     * answer, and an expired CRL, do not (its answers are tryLater until a current CRL arrives).
     */
    public static CrlSource open(Issuer issuer, CrlOptions options, Clock clock) {
        CrlSource s = new CrlSource(issuer, options, CrlTrust.of(issuer, options.crlIssuer()), clock);
        s.refresh();
        if (s.state == null
                && !s.updater.full().remote()
                && !s.updater.fullProblem().contains("expired at")) {
            s.close();
            throw new CrlException(
                    s.updater.fullProblem().replace(" (answering tryLater until a current one arrives)", ""));
        }
        s.schedule();
        return s;
    }

    /** Fetches what changed, applies what is acceptable, feeds the changes. On the timer thread (and at open). */
    synchronized void refresh() {
        CrlState before = state;
        CrlState next = updater.update(before);
        if (next != before) {
            state = next;
            LOG.info("CA {}: {}", issuer.label(), next.describe());
            publish(before, next);
        }
    }

    private void publish(CrlState before, CrlState next) {
        if (subscribers.isEmpty()) {
            return;
        }
        List<StatusChange> changes = new ArrayList<>();
        CrlIndex old = before == null ? CrlIndex.EMPTY : before.entries();
        old.diff(next.entries(), (serial, now) -> changes.add(new StatusChange(issuer, serial, statusOf(now))));
        if (!changes.isEmpty()) {
            List<StatusChange> batch = List.copyOf(changes);
            subscribers.forEach(s -> s.accept(batch));
        }
    }

    private void schedule() {
        try {
            timer.schedule(this::tick, delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed meanwhile
        }
    }

    private void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.error("CA {}: refreshing the CRL failed", issuer.label(), e);
        } finally {
            schedule();
        }
    }

    /** The refresh period; sooner when nextUpdate is nearer than it (halfway there), and while failing. */
    Duration delay() {
        Duration d = options.refresh();
        if (!updater.fullProblem().isEmpty() || !updater.deltaProblem().isEmpty()) {
            d = min(d, RETRY);
        }
        CrlState s = state;
        if (s != null) {
            Duration until = Duration.between(clock.instant(), s.window().nextUpdate());
            d = min(d, until.isNegative() ? RETRY : until.dividedBy(2));
        }
        return d.compareTo(SOONEST) < 0 ? SOONEST : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A CRL entry's answer: revoked, except removeFromCRL; null (not on the CRL) per {@code notOnCrl}. */
    private CertStatus statusOf(CertStatus.Revoked r) {
        if (r == null || r.reason().equals(Optional.of(RevocationReason.REMOVE_FROM_CRL))) {
            return options.notOnCrlGood() ? CertStatus.good() : CertStatus.notKnown();
        }
        return r;
    }

    /** The state in force, if current. */
    private CrlState current() {
        CrlState s = state;
        if (s == null) {
            throw new StatusUnavailableException("CA " + issuer.label() + ": no CRL yet: " + updater.fullProblem());
        }
        Instant next = s.window().nextUpdate();
        if (!next.isAfter(clock.instant())) {
            throw new StatusUnavailableException("CA " + issuer.label() + ": its CRL expired at " + next
                    + " and no current one has arrived from " + updater.full().where());
        }
        return s;
    }

    @Override
    public CertStatus lookup(Issuer asked, BigInteger serial) {
        if (!asked.equals(issuer)) {
            return CertStatus.notKnown();
        }
        return statusOf(current().entries().lookup(serial));
    }

    @Override
    public Optional<StatusWindow> window(Issuer asked) {
        CrlState s = state;
        return asked.equals(issuer) && s != null ? Optional.of(s.window()) : Optional.empty();
    }

    /** Always answers: what is in force is in memory; see {@link #degraded()}. */
    @Override
    public void check() {}

    @Override
    public Optional<String> degraded() {
        List<String> why = new ArrayList<>();
        try {
            current();
        } catch (StatusUnavailableException e) {
            why.add(e.getMessage() + " (answers are tryLater)");
        }
        if (!updater.fullProblem().isEmpty() && state != null) {
            why.add("CA " + issuer.label() + ": " + updater.fullProblem());
        }
        if (!updater.deltaProblem().isEmpty()) {
            why.add("CA " + issuer.label() + ": " + updater.deltaProblem());
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** The revoked serials in force (a CRL does not list the good ones). */
    @Override
    public void forEachKnown(Consumer<KnownCertificate> action) {
        CrlState s = state;
        if (s == null) {
            return;
        }
        CrlIndex e = s.entries();
        for (int i = 0; i < e.size(); i++) {
            CertStatus st = statusOf(e.status(i));
            if (st instanceof CertStatus.Revoked) {
                action.accept(new KnownCertificate(issuer, e.serial(i), st, Optional.empty()));
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<StatusChange> subscriber) {
        return subscribeBatches(batch -> batch.forEach(subscriber));
    }

    /** As {@link #subscribe}, every change of one new version together. */
    @Override
    public Subscription subscribeBatches(Consumer<List<StatusChange>> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** How many serials are revoked in force (0 before the first CRL). */
    public int revokedCount() {
        CrlState s = state;
        return s == null ? 0 : s.entries().size();
    }

    /** One line on what is in force, for the admin commands. */
    public String describe() {
        CrlState s = state;
        return s == null ? "no CRL yet (" + updater.fullProblem() + ")" : s.describe();
    }

    public Issuer issuer() {
        return issuer;
    }

    /** The full CRL's file or URL. */
    public String where() {
        return updater.full().where();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "CRL " + updater.full().where()
                + updater.delta().map(d -> " (delta " + d.where() + ")").orElse("") + " of CA " + issuer.label();
    }
}
