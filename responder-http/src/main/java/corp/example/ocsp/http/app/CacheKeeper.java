package corp.example.ocsp.http.app;

import corp.example.ocsp.core.FillProgress;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.ChangeLog;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.http.source.OpenSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the responders' caches full and fresh, off the request path: subscribes to the change feed
 * (invalidate at once, re-sign on the cache signers), fills the caches from the inventory at start
 * (retrying while the source is unreachable), re-signs entries as they come due, and re-signs the
 * cached answers of a CA whose signer a reload replaced. Each of the last three has a thread of its
 * own, so none waits for another: a rotation is re-signed at once even while the start-up fill is
 * still waiting for the database.
 */
final class CacheKeeper implements SignersReplaced, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheKeeper.class);
    private static final long REFRESH_PERIOD_SECONDS = 10;
    private static final long LONGEST_RETRY_SECONDS = 30;
    private static final long PROGRESS_PERIOD_SECONDS = 10;

    private final List<Responder> responders;
    private final ThreadPoolExecutor signers;
    private final int fillThreads;
    private final ExecutorService filler =
            Executors.newSingleThreadExecutor(DaemonThreads.factory("ocsp-cache-fill", false));
    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("ocsp-cache-refresh", false));
    private final ExecutorService resigner =
            Executors.newSingleThreadExecutor(DaemonThreads.factory("ocsp-cache-resign", false));
    private final AtomicBoolean warm = new AtomicBoolean();
    private boolean closed;
    private final Optional<StatusFeed.Subscription> subscription;

    /**
     * Keeps the caches of {@code responders} with the source's {@code changes}; without them (a
     * source with a freshness bound, whose answers are re-read as they pass it) nothing is signed
     * ahead and the caches are warm at once.
     */
    CacheKeeper(
            List<Responder> responders,
            Optional<OpenSource.Changes> changes,
            ThreadPoolExecutor signers,
            int refreshPerSecond,
            int fillThreads) {
        this.responders = responders;
        this.signers = signers;
        this.fillThreads = fillThreads;
        // subscribe before reading the inventory, so nothing committed meanwhile is missed
        this.subscription = changes.map(c -> c.feed().subscribeBatches(this::changed));
        changes.ifPresentOrElse(c -> filler.execute(() -> precompute(c.inventory(), c.log())), () -> warm.set(true));
        refresher.scheduleWithFixedDelay(
                this::logProgress, PROGRESS_PERIOD_SECONDS, PROGRESS_PERIOD_SECONDS, TimeUnit.SECONDS);
        refresher.scheduleWithFixedDelay(
                () -> refresh((int) (refreshPerSecond * REFRESH_PERIOD_SECONDS)),
                REFRESH_PERIOD_SECONDS,
                REFRESH_PERIOD_SECONDS,
                TimeUnit.SECONDS);
    }

    /** True once every responder's cache was filled from the source. */
    boolean warm() {
        return warm.get();
    }

    private void changed(List<StatusChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (Responder r : responders) {
            try {
                int refused = r.cacheMaintainer().onChanges(changes, signers);
                if (refused > 0) {
                    // the entries stay invalidated: signed on their next request, or by the catch-up
                    log.debug(
                            "{} of {} changes will be signed by the catch-up (a bulk change, or the re-sign queue was full)",
                            refused,
                            changes.size());
                }
            } catch (RuntimeException e) {
                StatusChange first = changes.get(0);
                log.error(
                        "applying {} changes (the first: serial {} of {}) to responder {} failed",
                        changes.size(),
                        SerialNumbers.hex(first.serial()),
                        first.issuer().label(),
                        r.name(),
                        e);
            }
        }
    }

    private void precompute(StatusInventory inventory, Optional<ChangeLog> changeLog) {
        for (Responder r : responders) {
            long start = System.nanoTime();
            int n;
            try {
                n = fillRetrying(r, inventory, changeLog);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
            log.info(
                    "responder {}: signed responses for {} certificates ahead of requests in {} ms ({} cached, {} MiB)",
                    r.name(),
                    n,
                    (System.nanoTime() - start) / 1_000_000,
                    r.cacheFigures().responses(),
                    r.cacheFigures().weightBytes() >> 20);
        }
        warm.set(true);
    }

    /** While a fill runs: one line per responder with the count, the rate and the time left (every 10 s). */
    void logProgress() {
        if (warm.get()) {
            return;
        }
        for (Responder r : responders) {
            FillProgress p = r.cacheMaintainer().fillProgress();
            if (p.certificates() > 0 && !p.finished()) {
                log.info(
                        "responder {}: filling the cache: {} of {} certificates read, {}/s, {}; {} signed, {} kept from"
                                + " the store",
                        r.name(),
                        String.format("%,d", p.certificates()),
                        p.total().stream()
                                .mapToObj(t -> String.format("%,d", t))
                                .findFirst()
                                .orElse("?"),
                        String.format("%,.0f", p.ratePerSecond()),
                        p.remaining().map(CacheKeeper::left).orElse("time left unknown"),
                        String.format("%,d", p.signedCount()),
                        String.format("%,d", p.keptCount()));
            }
        }
    }

    private static String left(Duration d) {
        return d.getSeconds() < 120 ? "about " + d.getSeconds() + " s left" : "about " + d.toMinutes() + " min left";
    }

    /** Fills {@code r}'s cache on the fill threads, waiting 1, 2, 4 ... 30 s between attempts while the source fails. */
    private int fillRetrying(Responder r, StatusInventory inventory, Optional<ChangeLog> changeLog)
            throws InterruptedException {
        for (long wait = 1; ; wait = Math.min(wait * 2, LONGEST_RETRY_SECONDS)) {
            try {
                return r.cacheMaintainer().precompute(inventory, fillThreads, changeLog);
            } catch (RuntimeException e) {
                log.warn(
                        "responder {}: cannot fill the response cache yet ({}); retrying in {} s",
                        r.name(),
                        e.getMessage(),
                        wait);
                TimeUnit.SECONDS.sleep(wait);
            }
        }
    }

    private void refresh(int max) {
        signDropped();
        advanceWatermarks();
        for (Responder r : responders) {
            try {
                int n = r.cacheMaintainer().refreshDue(max);
                if (n > 0) {
                    log.debug("responder {}: re-signed {} responses as they came due", r.name(), n);
                }
            } catch (RuntimeException e) {
                log.warn("responder {}: refresh failed: {}", r.name(), e.toString());
            }
        }
    }

    /**
     * Once a bulk change has been delivered (no bulk batch for a second) and the re-sign queue has
     * room again: signs what was not re-signed, so every certificate is answered from precomputed
     * responses again. Meanwhile the feed has the CPU and the store's writer to itself.
     */
    private void signDropped() {
        if (!warm.get() || !signers.getQueue().isEmpty()) {
            return;
        }
        for (Responder r : responders) {
            if (r.cacheMaintainer().bulkSettling()) {
                continue; // the next refresh signs it
            }
            try {
                long start = System.nanoTime();
                int n = r.cacheMaintainer().signDropped(fillThreads);
                if (n > 0) {
                    log.info(
                            "responder {}: caught up on the change feed: signed {} answers it did not re-sign as they came (a bulk"
                                    + " change, or a full re-sign queue), in {} ms",
                            r.name(),
                            String.format("%,d", n),
                            (System.nanoTime() - start) / 1_000_000);
                }
            } catch (RuntimeException e) {
                log.warn("responder {}: cannot sign the dropped changes yet: {}", r.name(), e.toString());
            }
        }
    }

    /** Records in each response store how far the change feed has delivered, so a restart catches up from there. */
    private synchronized void advanceWatermarks() {
        if (closed) { // changes delivered from now on are not applied: the position would run ahead of the store
            return;
        }
        for (Responder r : responders) {
            try {
                r.cacheMaintainer().advanceWatermark();
            } catch (RuntimeException e) {
                log.warn("responder {}: cannot record the response store's watermark: {}", r.name(), e.toString());
            }
        }
    }

    @Override
    public void replaced(Responder responder, Set<Issuer> issuers) {
        resign(responder, issuers);
    }

    /**
     * Re-signs, on the re-sign thread, every cached response of {@code issuers} (after a key
     * rotation); completes with how many, or 0 when it failed (then they are re-signed as they come due).
     */
    CompletableFuture<Integer> resign(Responder responder, Set<Issuer> issuers) {
        return CompletableFuture.supplyAsync(
                () -> {
                    long start = System.nanoTime();
                    try {
                        int n = responder.cacheMaintainer().resignCached(issuers);
                        log.info(
                                "responder {}: re-signed {} cached responses with the new signer in {} ms",
                                responder.name(),
                                n,
                                (System.nanoTime() - start) / 1_000_000);
                        return n;
                    } catch (RuntimeException e) {
                        log.warn(
                                "responder {}: re-signing after the rotation failed ({}); responses are re-signed as they "
                                        + "come due",
                                responder.name(),
                                e.toString());
                        return 0;
                    }
                },
                resigner);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        synchronized (this) { // the last position delivered, while the subscription still applies changes
            advanceWatermarks();
            closed = true;
        }
        subscription.ifPresent(StatusFeed.Subscription::close);
        filler.shutdownNow();
        resigner.shutdownNow();
    }
}
