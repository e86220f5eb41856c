package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.ChangeLog;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keeps one {@link Responder}'s cache full, fresh and correct: fills it ahead of requests
 * ({@link #precompute}), follows the change feed ({@link #onChange}), re-signs responses whose
 * refresh time has come ({@link #refreshDue}) and, after a key rotation, those signed with the old
 * key ({@link #resignCached}). Built with its responder ({@link Responder#cacheMaintainer()}) and
 * signing with the same signers. Its blocking methods are for background threads. Thread-safe.
 */
public final class CacheMaintainer {
    private final ResponseCache cache;
    private final Signers signers;
    private final AnswerBuilder answers;
    private final StatusSource source;
    private final Clock clock;
    private final FillProgress progress = new FillProgress();
    private volatile Optional<StoreWatermark> watermark = Optional.empty();

    /**
     * How many of a feed batch's re-signs one task of the background executor signs, their answers
     * kept at once (one store transaction, as the fill's batches): a batch takes the store's one
     * writer once per task rather than once per serial, and the executor's queue counts tasks of
     * this many (a batch without a change log, or below {@link #BULK_BATCH}).
     */
    public static final int RESIGNS_PER_TASK = 32;

    /**
     * How many tasks the background executor's queue should hold: 100,000 of the feed's re-signs
     * may wait, and past that a refused task's serials are answered live until the catch-up signs
     * them.
     */
    public static final int RESIGN_QUEUE_TASKS = 100_000 / RESIGNS_PER_TASK;

    /**
     * A batch of the feed this large is a bulk change (a mass revocation, an import): with a store
     * and a change log its re-signs are left to {@link #signDropped}, which signs them in the fill's
     * batches once the feed is quiet. Queued instead, they race the feed's next batches for the CPU
     * and the store's one writer, and those batches void most of them before they are kept.
     */
    public static final int BULK_BATCH = 256;

    /** How long after the last bulk batch the feed may still be delivering that change. */
    private static final long BULK_QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** When a bulk batch's re-signs were last left to {@link #signDropped} ({@link System#nanoTime}). */
    private volatile long bulkLeftAt = System.nanoTime() - BULK_QUIET_NANOS;

    private record Serial(Issuer issuer, BigInteger serial) {}

    /** A change of the feed to sign again, with the ticket taken when it was applied. */
    private record Resign(ResponseCache.Ticket ticket, StatusChange change) {}

    CacheMaintainer(ResponseCache cache, Signers signers, AnswerBuilder answers, StatusSource source, Clock clock) {
        this.cache = cache;
        this.signers = signers;
        this.answers = answers;
        this.source = source;
        this.clock = clock;
    }

    /**
     * Fills the cache from {@code inventory}: the status of every known certificate of this
     * responder's CAs, and signed responses (the configured CertID hash algorithms, with NULL
     * parameters, as clients send them) for those not expired, signed as the inventory streams them
     * (nothing is held for all of them at once). With a persistent store, a stored answer that still
     * says what the inventory says, by the current key and not yet due, is kept instead of signed
     * again; at the end, stored answers that were not kept or signed anew are removed. A change that
     * arrives through {@link #onChange} while this runs wins over what the inventory said. Without a
     * store, stops signing ahead when the heap comes under pressure ({@link
     * ResponseCache#underPressure()}): the rest is signed on request. Blocking, for a background
     * thread; returns how many certificates have responses.
     */
    public int precompute(StatusInventory inventory) {
        return precompute(inventory, 1);
    }

    /**
     * As {@link #precompute(StatusInventory)}, signing on {@code threads} threads (the inventory is
     * read on the calling one); {@link #fillProgress()} tells how far it has come.
     */
    public int precompute(StatusInventory inventory, int threads) {
        return precompute(inventory, threads, Optional.empty());
    }

    /**
     * As {@link #precompute(StatusInventory, int)}, with the source's {@code changes} log: with a
     * persistent store that recorded a watermark for the current signers and forms, only the
     * certificates changed since are read and signed, and the other stored answers are served at
     * once (a restart of millions in seconds); otherwise the whole inventory is read, and the
     * watermark recorded once done. From then on {@link #advanceWatermark()} keeps it current.
     */
    public int precompute(StatusInventory inventory, int threads, Optional<ChangeLog> changes) {
        if (!cache.settings().enabled()) {
            return 0;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("at least one fill thread, got " + threads);
        }
        Optional<StoreWatermark> mark = cache.store()
                .flatMap(s -> changes.map(
                        l -> new StoreWatermark(s, l, signers, cache.settings().precompute(), cache::finishRemovals)));
        watermark = mark;
        if (mark.isPresent()) {
            OptionalInt resumed = mark.get().resume(changed -> fill(changed, threads, false));
            if (resumed.isPresent()) {
                return resumed.getAsInt();
            }
        }
        int filled = fill(inventory, threads, true);
        mark.ifPresent(StoreWatermark::filled);
        return filled;
    }

    /**
     * Records in the persistent store how far the change feed has delivered (every change before it
     * has replaced what the store held), once the start-up fill is done; a restart catches up from
     * there. Nothing without a store or a change log. For a background thread.
     */
    public void advanceWatermark() {
        watermark.ifPresent(StoreWatermark::advance);
    }

    /**
     * After some changes were not re-signed as they came (a bulk batch, or a full re-sign queue): signs, on
     * {@code threads} threads, the answers of every certificate changed since then that the store
     * does not hold as the source says, so they are precomputed again without waiting for a request.
     * Until it is done the watermark stays where it was, so a restart meanwhile signs them too.
     * Nothing to do (0) without a store and a change log, or when nothing was dropped. Blocking.
     */
    public int signDropped(int threads) {
        Optional<StoreWatermark> mark = watermark;
        // its own progress: the start-up fill's figures (and metrics) stay as they were
        return mark.isEmpty()
                ? 0
                : mark.get()
                        .signDropped(
                                changed -> new CacheFill(cache, signers, clock, this::signBatch, new FillProgress())
                                        .run(changed, threads, false));
    }

    private int fill(StatusInventory inventory, int threads, boolean checkStore) {
        return new CacheFill(cache, signers, clock, this::signBatch, progress).run(inventory, threads, checkStore);
    }

    /** How far the current (or last) start-up fill has come. */
    public FillProgress fillProgress() {
        return progress;
    }

    private void sign(
            ResponseCache.Ticket ticket, Issuer issuer, BigInteger serial, CertStatus status, Signers.Binding binding) {
        List<ResponseCache.Put> puts = new ArrayList<>(2);
        sign(ticket, issuer, serial, status, binding, Set.of(), puts);
        boolean dropped = false;
        for (ResponseCache.Put p : puts) {
            dropped |= cache.put(p.ticket(), p.key(), p.answer(), p.status());
        }
        if (dropped) { // another change of its stripe came first: signDropped signs it as it is now
            watermark.ifPresent(StoreWatermark::fellBehind);
        }
    }

    /** The fill's batch: every answer signed, then kept at once (one store transaction). */
    private void signBatch(List<CacheFill.Job> batch) {
        List<ResponseCache.Put> puts =
                new ArrayList<>(batch.size() * cache.settings().precompute().size());
        for (CacheFill.Job j : batch) {
            KnownCertificate c = j.certificate();
            sign(j.ticket(), c.issuer(), c.serial(), c.status(), signers.of(c.issuer()), j.kept(), puts);
        }
        List<ResponseCache.Put> voided = cache.putAll(puts);
        if (!voided.isEmpty()) {
            keepVoided(voided);
        }
    }

    /**
     * Answers of the fill that a change of their stripe voided (its tickets are as of its start, so
     * during a long fill any change voids the later answers of its stripe): with tickets taken now,
     * each is kept if the source still says what it was signed with, else signed again with what
     * the source says now. What the source cannot tell now is signed on request.
     */
    private void keepVoided(List<ResponseCache.Put> voided) {
        Map<Issuer, List<ResponseCache.Put>> byIssuer = new LinkedHashMap<>();
        voided.forEach(p -> byIssuer.computeIfAbsent(p.key().issuer(), k -> new ArrayList<>())
                .add(p));
        boolean missed = false;
        for (Map.Entry<Issuer, List<ResponseCache.Put>> e : byIssuer.entrySet()) {
            Issuer issuer = e.getKey();
            List<ResponseCache.Ticket> tickets = e.getValue().stream()
                    .map(p -> cache.ticket(issuer, p.key().serial()))
                    .toList(); // before the lookup: a change after it voids them again
            Map<BigInteger, CertStatus> now;
            try {
                now = source.lookupAll(
                        issuer, e.getValue().stream().map(p -> p.key().serial()).collect(Collectors.toSet()));
            } catch (RuntimeException unavailable) {
                missed = true;
                continue;
            }
            for (int i = 0; i < tickets.size(); i++) {
                ResponseCache.Put p = e.getValue().get(i);
                CertStatus status = now.getOrDefault(p.key().serial(), CertStatus.notKnown());
                if (status instanceof CertStatus.NotKnown) {
                    continue;
                }
                OcspAnswer answer = status.equals(p.status())
                        ? p.answer()
                        : answers.answer(
                                issuer,
                                p.key().serial(),
                                p.key().algorithm(),
                                p.key().parametersAbsent(),
                                signers.of(issuer),
                                status);
                missed |= put(tickets.get(i), p.key(), answer, status);
            }
        }
        if (missed) {
            watermark.ifPresent(StoreWatermark::fellBehind);
        }
    }

    /** Signs {@code serial}'s precomputed forms but those of {@code kept} (a store still holds them) into {@code out}. */
    private void sign(
            ResponseCache.Ticket ticket,
            Issuer issuer,
            BigInteger serial,
            CertStatus status,
            Signers.Binding binding,
            Set<HashAlgorithm> kept,
            List<ResponseCache.Put> out) {
        if (status instanceof CertStatus.NotKnown
                || clock.instant().isAfter(binding.signer().notAfter())) {
            return;
        }
        for (HashAlgorithm a : cache.settings().precompute()) {
            if (!kept.contains(a)
                    && answers.answer(issuer, serial, a, false, binding, status) instanceof OcspAnswer.Signed signed) {
                out.add(new ResponseCache.Put(ticket, new CacheKey(issuer, serial, a, false), signed, status));
            }
        }
    }

    /** Keeps {@code answer} if it is signed; true when it was dropped because its stripe changed since {@code ticket}. */
    private boolean put(ResponseCache.Ticket ticket, CacheKey key, OcspAnswer answer, CertStatus status) {
        return answer instanceof OcspAnswer.Signed signed && cache.put(ticket, key, signed, status);
    }

    /**
     * A committed change from the status feed: the serial's cached responses are dropped at once
     * (later requests see the new status), and new ones are signed on {@code background}; throws
     * {@link RejectedExecutionException} when it has no room for them.
     */
    public void onChange(StatusChange change, Executor background) {
        if (onChanges(List.of(change), background) > 0) {
            throw new RejectedExecutionException("no room to re-sign serial " + change.serial());
        }
    }

    /**
     * As {@link #onChange} for a batch of the feed, applied at once ({@link
     * ResponseCache#changedAll}); of a serial changed twice in it, the last change counts. Its
     * re-signs are offered to {@code background} {@link #RESIGNS_PER_TASK} to a task. Returns how
     * many re-signs were not offered: all of a {@link #BULK_BATCH bulk} batch with a store and a
     * change log, else those {@code background} had no room for (once it refuses a task, the rest
     * of the batch is not offered). Those are signed on request, and by {@link #signDropped} with a
     * store and a change log.
     */
    public int onChanges(List<StatusChange> batch, Executor background) {
        Map<Serial, StatusChange> last = new LinkedHashMap<>(batch.size() * 4 / 3 + 1);
        for (StatusChange c : batch) {
            if (signers.serves(c.issuer())) {
                Serial serial = new Serial(c.issuer(), c.serial());
                if (last.put(serial, c) != null) { // seen before in the batch: in the order of its last change
                    last.remove(serial);
                    last.put(serial, c);
                }
            }
        }
        List<StatusChange> changes = List.copyOf(last.values());
        List<ResponseCache.Ticket> tickets = cache.changedAll(changes);
        if (!cache.settings().enabled()) {
            return 0;
        }
        List<Resign> resigns = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (!(changes.get(i).status() instanceof CertStatus.NotKnown)) {
                resigns.add(new Resign(tickets.get(i), changes.get(i)));
            }
        }
        if (resigns.size() >= BULK_BATCH && watermark.isPresent()) {
            bulkLeftAt = System.nanoTime();
            watermark.get().fellBehind();
            return resigns.size();
        }
        int refused = 0;
        for (int from = 0; from < resigns.size(); from += RESIGNS_PER_TASK) {
            List<Resign> task = List.copyOf(resigns.subList(from, Math.min(resigns.size(), from + RESIGNS_PER_TASK)));
            try {
                background.execute(() -> sign(task));
            } catch (RejectedExecutionException full) {
                refused = resigns.size() - from;
                break;
            }
        }
        if (refused > 0) {
            watermark.ifPresent(StoreWatermark::fellBehind); // signed again by signDropped
        }
        return refused;
    }

    /**
     * True within a second of the last bulk batch left to {@link #signDropped}: the feed may still
     * be delivering that change, and signing it now would race the feed's next batches.
     */
    public boolean bulkSettling() {
        return System.nanoTime() - bulkLeftAt < BULK_QUIET_NANOS;
    }

    /**
     * Signs a task of re-signs: one change as a request would find it (its answers enter the heap
     * tier too), more kept at once as the fill's batches are. One whose stripe changed since it was
     * queued is not signed (its answer would be dropped; a bulk change voids most of those queued
     * behind its next batch): it is signed by {@link #signDropped}, or on request without a store.
     */
    private void sign(List<Resign> task) {
        List<Resign> current = new ArrayList<>(task.size());
        for (Resign r : task) {
            if (!cache.voided(r.ticket())) {
                current.add(r);
            }
        }
        boolean dropped = current.size() < task.size();
        if (current.size() == 1) {
            StatusChange c = current.get(0).change();
            sign(current.get(0).ticket(), c.issuer(), c.serial(), c.status(), signers.of(c.issuer()));
        } else if (!current.isEmpty()) {
            List<ResponseCache.Put> puts = new ArrayList<>(
                    current.size() * cache.settings().precompute().size());
            for (Resign r : current) {
                StatusChange c = r.change();
                sign(r.ticket(), c.issuer(), c.serial(), c.status(), signers.of(c.issuer()), Set.of(), puts);
            }
            dropped |= !cache.putAll(puts).isEmpty();
        }
        if (dropped) {
            watermark.ifPresent(StoreWatermark::fellBehind);
        }
    }

    /**
     * Re-signs up to {@code max} cached responses whose refresh time has come, with the status the
     * cache (kept by the feed) or the source holds. Returns how many were re-signed. Blocking; for a
     * background thread.
     */
    public int refreshDue(int max) {
        int done = 0;
        for (CacheKey key : cache.due(clock.instant(), max)) {
            if (resign(key)) {
                done++;
            }
        }
        return done;
    }

    /**
     * Signs again, with the current signers, every cached response of {@code issuers} (after
     * {@link Responder#replaceSigners}). Blocking, for a background thread; returns how many were
     * signed.
     */
    public int resignCached(Set<Issuer> issuers) {
        int[] done = {0};
        cache.forEachKey(k -> issuers.contains(k.issuer()), key -> {
            if (resign(key)) {
                done[0]++;
            }
        });
        return done[0];
    }

    /**
     * Signs {@code key}'s response anew with the current signer and the status the cache (kept by
     * the feed) or the source holds; false if the status is unavailable (the current response is
     * served until its nextUpdate) or no longer known (the entry is dropped).
     */
    private boolean resign(CacheKey key) {
        ResponseCache.Ticket ticket = cache.ticket(key.issuer(), key.serial());
        CertStatus status;
        try {
            status =
                    cache.status(key.issuer(), key.serial()).orElseGet(() -> source.lookup(key.issuer(), key.serial()));
        } catch (RuntimeException unavailable) {
            return false;
        }
        if (status instanceof CertStatus.NotKnown) {
            cache.changed(key.issuer(), key.serial(), status);
            return false;
        }
        put(
                ticket,
                key,
                answers.answer(
                        key.issuer(),
                        key.serial(),
                        key.algorithm(),
                        key.parametersAbsent(),
                        signers.of(key.issuer()),
                        status),
                status);
        return true;
    }
}
