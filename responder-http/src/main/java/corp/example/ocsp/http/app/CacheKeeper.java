package corp.example.ocsp.http.app;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the responders' caches full and fresh, off the request path: subscribes to the change feed
 * (invalidate at once, re-sign in the background), fills the caches from the store at start
 * (retrying while the database is unreachable), and re-signs entries as they come due.
 */
final class CacheKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheKeeper.class);
    private static final long REFRESH_PERIOD_SECONDS = 10;

    private final List<Responder> responders;
    private final ThreadPoolExecutor signers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("ocsp-cache-timer", false));
    private final AtomicBoolean warm = new AtomicBoolean();
    private final StatusFeed.Subscription subscription;

    CacheKeeper(List<Responder> responders, StatusFeed feed, StatusInventory inventory, ThreadPoolExecutor signers,
            int refreshPerSecond) {
        this.responders = responders;
        this.signers = signers;
        // subscribe before reading the inventory, so nothing committed meanwhile is missed
        this.subscription = feed.subscribe(this::changed);
        timer.execute(() -> precompute(inventory));
        timer.scheduleWithFixedDelay(() -> refresh((int) (refreshPerSecond * REFRESH_PERIOD_SECONDS)),
                REFRESH_PERIOD_SECONDS, REFRESH_PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** True once every responder's cache was filled from the store. */
    boolean warm() {
        return warm.get();
    }

    private void changed(StatusChange change) {
        for (Responder r : responders) {
            try {
                r.cacheMaintainer().onChange(change, signers);
            } catch (RejectedExecutionException full) {
                // the entry stays invalidated; the next request for it looks it up and signs it
                log.debug("cache re-sign queue full; {} of {} will be signed on its next request",
                        change.serial().toString(16), change.issuer().label());
            } catch (RuntimeException e) {
                log.error("applying change of serial {} of {} to responder {} failed", change.serial().toString(16),
                        change.issuer().label(), r.name(), e);
            }
        }
    }

    private void precompute(StatusInventory inventory) {
        for (Responder r : responders) {
            long start = System.nanoTime();
            int n = 0;
            for (long wait = 1; ; wait = Math.min(wait * 2, 30)) {
                try {
                    n = r.cacheMaintainer().precompute(inventory);
                    break;
                } catch (RuntimeException e) {
                    log.warn("responder {}: cannot fill the response cache yet ({}); retrying in {} s", r.name(),
                            e.getMessage(), wait);
                    try {
                        TimeUnit.SECONDS.sleep(wait);
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            log.info("responder {}: signed responses for {} certificates ahead of requests in {} ms ({} cached, {} MiB)",
                    r.name(), n, (System.nanoTime() - start) / 1_000_000, r.cacheFigures().responses(),
                    r.cacheFigures().weightBytes() >> 20);
        }
        warm.set(true);
    }

    private void refresh(int max) {
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

    /** Re-signs, on the cache thread, every cached response of {@code issuers} (after a key rotation). */
    void resign(Responder responder, Set<Issuer> issuers) {
        timer.execute(() -> {
            long start = System.nanoTime();
            try {
                int n = responder.cacheMaintainer().resignCached(issuers);
                log.info("responder {}: re-signed {} cached responses with the new signer in {} ms", responder.name(), n,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("responder {}: re-signing after the rotation failed ({}); responses are re-signed as they "
                        + "come due", responder.name(), e.toString());
            }
        });
    }

    @Override
    public void close() {
        subscription.close();
        timer.shutdownNow();
    }
}
