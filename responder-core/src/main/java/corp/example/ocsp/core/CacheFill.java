package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusInventory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start-up fill of a responder's cache ({@link CacheMaintainer#precompute}): the inventory is
 * read on the calling thread (statuses kept, the store's answers checked there), and what must be
 * signed is signed on {@code threads} threads of its own, in batches of up to 32 certificates (a batch
 * is handed over at once while a signing thread is idle, and a signing thread that runs out of work
 * takes the batch being formed, so a slow inventory holds nothing back) whose answers
 * reach a store in one transaction, at most 64 per thread waiting, so the reading never runs
 * far ahead of the signing and nothing is held for all certificates at once.
 */
final class CacheFill {
    private static final Logger log = LoggerFactory.getLogger(CacheFill.class);
    private static final int WAITING_PER_THREAD = 64;
    /** Certificates one signing task takes: their answers reach the store in one transaction. */
    private static final int BATCH = 32;

    /** One certificate to sign: its ticket, and the forms a store still holds. */
    record Job(ResponseCache.Ticket ticket, KnownCertificate certificate, Set<HashAlgorithm> kept) {}

    /** Signs the precomputed forms of each certificate of a batch but those a store still holds, and keeps them. */
    interface Signing {
        void sign(List<Job> batch);
    }

    private final ResponseCache cache;
    private final Signers signers;
    private final Clock clock;
    private final Signing signing;
    private final FillProgress progress;

    CacheFill(ResponseCache cache, Signers signers, Clock clock, Signing signing, FillProgress progress) {
        this.cache = cache;
        this.signers = signers;
        this.clock = clock;
        this.signing = signing;
        this.progress = progress;
    }

    /**
     * Fills from {@code inventory} signing on {@code threads} threads; returns how many certificates
     * have responses. With {@code checkStore}, a store's answers are checked against the inventory
     * (kept or swept); without, every certificate passed is signed (a catch-up of changed ones).
     */
    int run(StatusInventory inventory, int threads, boolean checkStore) {
        progress.start(inventory.count());
        ResponseCache.Snapshot before = cache.snapshot(); // before reading: later changes win
        Optional<StoreCheck> check = checkStore ? cache.store().map(s -> new StoreCheck(s, clock)) : Optional.empty();
        Set<HashAlgorithm> precompute = cache.settings().precompute();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        Semaphore room = new Semaphore(threads * WAITING_PER_THREAD);
        ThreadPoolExecutor pool = (ThreadPoolExecutor)
                Executors.newFixedThreadPool(threads, DaemonThreads.factory("ocsp-cache-fill", true));
        Pending batch = new Pending();
        try {
            inventory.forEachKnown(c -> {
                progress.read();
                if (stopped.get() || !signers.serves(c.issuer()) || stopUnderPressure(answered, stopped)) {
                    return;
                }
                ResponseCache.Ticket ticket = before.ticket(c.issuer(), c.serial());
                cache.putStatus(ticket, c.status());
                if (c.status() instanceof CertStatus.NotKnown
                        || !c.notAfter().map(t -> t.isAfter(clock.instant())).orElse(true)) {
                    return; // deleted (a catch-up passes those) or expired: nothing to sign
                }
                answered.incrementAndGet();
                Set<HashAlgorithm> kept = check.map(k -> k.keep(c)).orElse(Set.of());
                if (kept.containsAll(precompute)) {
                    progress.kept();
                    return;
                }
                room.acquireUninterruptibly();
                List<Job> full = batch.add(new Job(ticket, c, kept), idle(pool));
                submit(pool, room, full, batch);
            });
            submit(pool, room, batch.take(), batch);
            room.acquireUninterruptibly(threads * WAITING_PER_THREAD); // every signing done
        } finally {
            pool.shutdownNow();
        }
        check.ifPresent(k -> log.info(
                "responder {}: kept {} stored responses without signing them again, removed {} the source no longer"
                        + " confirms",
                signers.responder(),
                k.kept(),
                k.finish()));
        progress.finish();
        return answered.get();
    }

    /** A signing thread waits for work: a partial batch goes at once (a slow inventory is not held back). */
    private static boolean idle(ThreadPoolExecutor pool) {
        return pool.getQueue().isEmpty() && pool.getActiveCount() < pool.getMaximumPoolSize();
    }

    /**
     * The batch being formed, shared by the reading thread (which adds) and the signing threads
     * (which take what is there when they run out of work, so a stalled inventory holds nothing back).
     */
    private static final class Pending {
        private List<Job> jobs = new ArrayList<>(BATCH);
        /** A signing thread found nothing to take and stopped: the next job goes at once. */
        private boolean wanted;

        /** Adds {@code job}; returns the batch to hand over when it is full, {@code now} or wanted, else nothing. */
        synchronized List<Job> add(Job job, boolean now) {
            jobs.add(job);
            return jobs.size() >= BATCH || now || wanted ? take() : List.of();
        }

        synchronized List<Job> take() {
            List<Job> out = jobs;
            wanted = out.isEmpty();
            jobs = new ArrayList<>(BATCH);
            return out;
        }
    }

    /** Signs {@code jobs} on the pool, then whatever {@code pending} holds while nothing else waits. */
    private void submit(ThreadPoolExecutor pool, Semaphore room, List<Job> jobs, Pending pending) {
        if (jobs.isEmpty()) {
            return;
        }
        pool.execute(() -> {
            for (List<Job> next = jobs;
                    !next.isEmpty();
                    next = pool.getQueue().isEmpty() ? pending.take() : List.of()) {
                sign(room, next);
            }
        });
    }

    private void sign(Semaphore room, List<Job> jobs) {
        try {
            signing.sign(jobs);
            jobs.forEach(j -> progress.signed());
        } catch (RuntimeException e) {
            log.warn(
                    "responder {}: signing ahead failed for {} certificates of {}: {}",
                    signers.responder(),
                    jobs.size(),
                    jobs.get(0).certificate().issuer().label(),
                    e.toString());
        } finally {
            room.release(jobs.size());
        }
    }

    /** Without a store, the fill stops signing ahead once the heap is nearly full (once, with a warning). */
    private boolean stopUnderPressure(AtomicInteger answered, AtomicBoolean stopped) {
        if (cache.store().isPresent() || !cache.underPressure()) {
            return false;
        }
        stopped.set(true);
        log.warn(
                "responder {}: the heap is nearly full ({}); stopped signing ahead after {} certificates, the"
                        + " others are signed on request (raise -Xmx, or lower cache.maxMegabytes)",
                signers.responder(),
                cache.pressureDescription(),
                answered.get());
        return true;
    }
}
