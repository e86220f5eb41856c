package corp.example.ocsp.http.soak;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.cli.Main;
import corp.example.ocsp.store.postgres.Revocation;
import corp.example.ocsp.store.postgres.StoreAdmin;
import corp.example.ocsp.store.postgres.StoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes the revocable certificates one after another at a steady rate through the admin paths:
 * {@link StoreAdmin#revoke} and, for a share of them, the command line's {@code revoke} (run in
 * this JVM). A revocation is planned on its {@link Leaf} before the first attempt (so the checker
 * accepts a {@code revoked} answer from then on) and counts as made only when a commit returned.
 * While PostgreSQL is down, attempts fail and are retried every 200 ms; an attempt that failed
 * after its commit shows up on the retry as "already revoked" and is recorded as ambiguous (its
 * commit time is only known to lie between the first attempt and the retry).
 */
final class Revoker {
    private static final Logger log = LoggerFactory.getLogger(Revoker.class);
    private static final List<Optional<RevocationReason>> REASONS = List.of(
            Optional.of(RevocationReason.KEY_COMPROMISE), Optional.of(RevocationReason.SUPERSEDED),
            Optional.of(RevocationReason.CESSATION_OF_OPERATION), Optional.of(RevocationReason.AFFILIATION_CHANGED),
            Optional.empty(), Optional.of(RevocationReason.PRIVILEGE_WITHDRAWN));
    private static final Duration RETRY = Duration.ofMillis(200);
    /** How long a certificate stays "hot" (asked for often) after a client first saw it revoked. */
    private static final Duration HOT_AFTER_SEEN = Duration.ofSeconds(2);

    private static final Duration HOT_AT_MOST = Duration.ofSeconds(30);

    private final StoreAdmin admin;
    private final String issuerLabel;
    private final Path config;
    private final List<Leaf> revocable;
    /** Certificates being revoked or revoked a moment ago: the clients ask for these most, to time visibility. */
    private final List<Leaf> hot = new CopyOnWriteArrayList<>();

    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger taken = new AtomicInteger();
    /** Every how many revocations one goes through the command line (0: none). */
    private final int cliEvery;

    Revoker(StoreAdmin admin, String issuerLabel, Path config, List<Leaf> revocable, double cliShare) {
        this.admin = admin;
        this.issuerLabel = issuerLabel;
        this.config = config;
        this.revocable = revocable;
        this.cliEvery = cliShare <= 0 ? 0 : (int) Math.round(1 / cliShare);
    }

    List<Leaf> hot() {
        return hot;
    }

    /** Revocations that needed more than one attempt. */
    int retried() {
        return retried.get();
    }

    /**
     * Revokes at {@code perSecond} from {@code start} until {@code stopAt} (no new revocation is
     * started after it); an attempt in progress is retried until {@code giveUpAt}.
     */
    void run(Instant start, Instant stopAt, Instant giveUpAt, double perSecond) throws InterruptedException {
        long periodNanos = (long) (1e9 / perSecond);
        Instant next = start;
        while (true) {
            sleepUntil(next);
            if (!Instant.now().isBefore(stopAt)) {
                return;
            }
            prune();
            if (revokeNext(giveUpAt, true) == null) {
                log.warn("soak: the revoker ran out of certificates to revoke ({})", revocable.size());
                return;
            }
            Instant now = Instant.now();
            next = next.plusNanos(periodNanos);
            if (next.isBefore(now)) {
                next = now; // after an outage: carry on at the steady rate, no burst
            }
        }
    }

    /**
     * Revokes the next certificate through StoreAdmin at once, for the chaos step to call just
     * before it stops PostgreSQL: a revocation whose notification may never be read must still
     * arrive (by the reconcile once PostgreSQL is back). Thread-safe with {@link #run}.
     */
    void revokeJustBeforeStop() throws InterruptedException {
        Leaf leaf = revokeNext(Instant.now().plusSeconds(5), false);
        if (leaf != null) {
            leaf.markJustBeforeStop();
        }
    }

    /**
     * Plans and commits the next revocation (with the command line for its share when {@code
     * mayUseCli}); returns its certificate, or null when none is left.
     */
    private Leaf revokeNext(Instant giveUpAt, boolean mayUseCli) throws InterruptedException {
        int i = taken.getAndIncrement();
        if (i >= revocable.size()) {
            return null;
        }
        Leaf leaf = revocable.get(i);
        boolean cli = mayUseCli && cliEvery > 0 && i % cliEvery == cliEvery - 1;
        Optional<RevocationReason> reason = REASONS.get(i % REASONS.size());
        if (cli && reason.isEmpty()) {
            reason = Optional.of(RevocationReason.KEY_COMPROMISE); // the command line always names one
        }
        Leaf.Expected e =
                new Leaf.Expected(reason, Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
        leaf.plan(e, cli);
        hot.add(leaf);
        commit(leaf, e, cli, giveUpAt);
        return leaf;
    }

    private void commit(Leaf leaf, Leaf.Expected e, boolean cli, Instant giveUpAt) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String failure = cli ? viaCommandLine(leaf, e) : viaStoreAdmin(leaf, e);
            if (failure == null) {
                leaf.committed(Instant.now(), false);
                break;
            }
            if (failure.contains(": already ")) {
                if (attempt == 1) {
                    throw new IllegalStateException(
                            "soak: " + leaf + " was revoked before the revoker got to it: " + failure);
                }
                leaf.committed(Instant.now(), true);
                log.info("soak: {} had been revoked by an attempt whose answer was lost", leaf);
                break;
            }
            if (attempt == 2) {
                retried.incrementAndGet();
                log.info("soak: revoking {} failed ({}); retrying every {} ms", leaf, failure, RETRY.toMillis());
            }
            if (Instant.now().isAfter(giveUpAt)) {
                log.warn("soak: gave up revoking {} after {} attempts: {}", leaf, attempt, failure);
                return;
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    /** Null when the commit returned, else why not. */
    private String viaStoreAdmin(Leaf leaf, Leaf.Expected e) {
        Revocation r = e.reason()
                .map(Revocation::because)
                .orElseGet(Revocation::withoutReason)
                .at(e.at());
        try {
            admin.revoke(issuerLabel, leaf.serial, r);
            return null;
        } catch (StoreException ex) {
            return ex.getMessage();
        }
    }

    /** {@code revoke --config F --issuer L --serial HEX --reason R --at TIME}, in this JVM. */
    private String viaCommandLine(Leaf leaf, Leaf.Expected e) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        int rc;
        try {
            rc = Main.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "revoke",
                    "--config",
                    config.toString(),
                    "--issuer",
                    issuerLabel,
                    "--serial",
                    leaf.hex(),
                    "--reason",
                    e.reason().orElseThrow().label(),
                    "--at",
                    e.at().toString());
        } finally {
            root.setLevel(level); // the command line quiets the logs of its JVM; this JVM is the soak's
        }
        if (rc == 0) {
            return null;
        }
        return "revoke exited " + rc + ": " + err.toString().strip();
    }

    /** Forgets hot certificates seen revoked a while ago, or committed long ago. */
    private void prune() {
        Instant now = Instant.now();
        hot.removeIf(l -> {
            Instant seen = l.firstRevokedSeen();
            Instant committed = l.committedAt();
            return seen != null && seen.plus(HOT_AFTER_SEEN).isBefore(now)
                    || committed != null && committed.plus(HOT_AT_MOST).isBefore(now);
        });
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
