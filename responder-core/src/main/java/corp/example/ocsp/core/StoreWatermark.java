package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.StoredResponses;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.ChangeLog;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent store's watermark against a source that keeps a {@link ChangeLog}: the source's
 * change position up to which the stored answers are consistent. At start ({@link #resume}), when
 * the store recorded one for the same signers and forms ({@link #fingerprint}), only the serials
 * changed since are read from the log, their stored answers removed and signed again, and every
 * other entry is served at once, without reading every status; otherwise the full fill checks
 * every entry, and {@link #filled} records the first watermark. While serving, {@link #advance}
 * moves it to where the change feed has delivered (every change the feed delivered has already
 * replaced what the store held of its serial, or has it removed first), so a restart, even after
 * a crash, reads only what changed since. Thread-safe.
 */
final class StoreWatermark {
    private static final Logger log = LoggerFactory.getLogger(StoreWatermark.class);

    private static final Duration FEED_WAIT = Duration.ofSeconds(10);

    private final StoredResponses store;
    private final ChangeLog changes;
    private final Signers signers;
    private final Set<HashAlgorithm> precompute;
    /** Removes the stored answers that changes applied so far left to remove behind them. */
    private final Runnable finishRemovals;

    private volatile boolean started;
    private long recorded = Long.MIN_VALUE;
    /** Changes since the recorded watermark were not signed again (the re-sign queue was full). */
    private boolean behind;
    /** Changes were not signed again while the start-up fill or resume ran. */
    private boolean behindAtStart;
    /** Where the feed had delivered when the full fill began: every change before it is in what the fill reads. */
    private OptionalLong fillFrom = OptionalLong.empty();

    StoreWatermark(
            StoredResponses store,
            ChangeLog changes,
            Signers signers,
            Set<HashAlgorithm> precompute,
            Runnable finishRemovals) {
        this.store = store;
        this.changes = changes;
        this.signers = signers;
        this.precompute = precompute;
        this.finishRemovals = finishRemovals;
    }

    /**
     * Catches the store up from its watermark: {@code signChanged} signs what the inventory of the
     * certificates changed since passes it (their stored answers removed first) and returns how
     * many; then the earlier entries are served. Empty, with the watermark forgotten, when there is
     * none for the current signers and forms or the source no longer holds every change since: the
     * caller then fills from the whole inventory and calls {@link #filled}.
     */
    OptionalInt resume(ToIntFunction<StatusInventory> signChanged) {
        awaitFeed();
        String fingerprint = fingerprint();
        OptionalLong from = store.resumableFrom(fingerprint);
        if (from.isEmpty()) {
            store.forgetWatermark();
            fillFrom = changes.delivered();
            return OptionalInt.empty();
        }
        long start = System.nanoTime();
        OptionalLong[] next = {OptionalLong.empty()};
        int[] changed = {0};
        int signed = signChanged.applyAsInt(action -> next[0] = changes.changedSince(from.getAsLong(), c -> {
            store.remove(c.issuer(), c.serial());
            changed[0]++;
            action.accept(c);
        }));
        if (next[0].isEmpty()) {
            log.warn(
                    "responder {}: the source no longer holds every change since the response store's watermark"
                            + " ({}); checking every stored response against it instead",
                    signers.responder(),
                    from.getAsLong());
            store.forgetWatermark();
            fillFrom = changes.delivered();
            return OptionalInt.empty();
        }
        store.resume();
        caughtUp(from.getAsLong(), next[0].getAsLong(), fingerprint);
        log.info(
                "responder {}: resumed {} stored responses from the watermark in {} ms: {} certificates changed"
                        + " since, {} signed again",
                signers.responder(),
                String.format("%,d", store.size()),
                (System.nanoTime() - start) / 1_000_000,
                String.format("%,d", changed[0]),
                String.format("%,d", signed));
        return OptionalInt.of(signed);
    }

    /**
     * Waits (at most {@link #FEED_WAIT}) until the change feed has caught up once, so that what the
     * feed delivers from then on and what the fill or catch-up reads after it leave no gap between them.
     */
    private void awaitFeed() {
        long end = System.nanoTime() + FEED_WAIT.toNanos();
        while (changes.delivered().isEmpty()) {
            if (System.nanoTime() > end) {
                throw new StatusUnavailableException("the change feed has not caught up once in "
                        + FEED_WAIT.toSeconds() + " s; the response store cannot catch up before it does");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StatusUnavailableException("interrupted while waiting for the change feed");
            }
        }
    }

    /** After a fill that checked every entry: records where the feed has delivered, and follows it from now on. */
    void filled() {
        OptionalLong delivered = changes.delivered();
        if (delivered.isPresent()) {
            caughtUp(fillFrom.orElse(delivered.getAsLong()), delivered.getAsLong(), fingerprint());
        }
        started = true;
    }

    /**
     * Records {@code done}, the position the start-up fill or resume reflects; or, if some change's
     * re-sign was dropped meanwhile, {@code from}, where it began, and marks the watermark behind so
     * that {@link #signDropped} signs those changes.
     */
    private synchronized void caughtUp(long from, long done, String fingerprint) {
        if (behindAtStart) {
            behindAtStart = false;
            record(from, fingerprint);
            behind = true;
        } else {
            record(done, fingerprint);
        }
    }

    /**
     * Moves the watermark to where the change feed has delivered, once the start-up fill or resume
     * is done. The removals the changes left behind them are finished first, outside this object's
     * lock, which the feed's thread takes ({@link #fellBehind}).
     */
    void advance() {
        synchronized (this) {
            if (!started || behind) { // behind: a restart must read the dropped changes again
                return;
            }
        }
        OptionalLong delivered = changes.delivered();
        if (delivered.isEmpty()) {
            return;
        }
        finishRemovals.run();
        synchronized (this) {
            if (started && !behind && delivered.getAsLong() > recorded) {
                record(delivered.getAsLong(), fingerprint()); // finds the removals done
            }
        }
    }

    /**
     * Some answers of changes since the recorded watermark were not kept (the re-sign queue was
     * full, or a later change of the same stripe voided their ticket). During the start-up fill or
     * resume, the watermark it records is then where it began, and behind.
     */
    synchronized void fellBehind() {
        if (started) {
            behind = true;
        } else {
            behindAtStart = true;
        }
    }

    /**
     * When changes were dropped: passes to {@code sign} every certificate changed since the recorded
     * watermark whose answers the store does not hold as the source says now, then lets the watermark
     * move again. Returns how many were signed.
     */
    int signDropped(ToIntFunction<StatusInventory> sign) {
        long from;
        synchronized (this) {
            if (!behind) {
                return 0;
            }
            behind = false; // a change dropped from now on sets it again, and is read by the next call
            from = recorded;
        }
        try {
            finishRemovals.run(); // else a stale answer that says what the source says now would pass as held
            return sign.applyAsInt(action -> changes.changedSince(from, c -> {
                if (!heldAsNow(c)) {
                    action.accept(c);
                }
            }));
        } catch (RuntimeException e) {
            fellBehind();
            throw e;
        }
    }

    /** Whether the store serves every form signed ahead of {@code c}'s answer with the status it has now. */
    private boolean heldAsNow(KnownCertificate c) {
        if (c.status() instanceof CertStatus.NotKnown) {
            return true; // nothing to sign: its answers were removed when the change was applied
        }
        Set<HashAlgorithm> held = EnumSet.noneOf(HashAlgorithm.class);
        for (StoredResponses.Stored s : store.forms(c.issuer(), c.serial())) {
            if (s.confirmed()
                    && s.currentSigner()
                    && s.status().equals(c.status())
                    && !s.key().parametersAbsent()) {
                held.add(s.key().algorithm());
            }
        }
        return held.containsAll(precompute);
    }

    /**
     * Records {@code position}, read before this is called: every change before it was applied
     * before the call, so once the removals they left behind are done, the store reflects them.
     */
    private synchronized void record(long position, String fingerprint) {
        finishRemovals.run();
        store.watermark(position, fingerprint);
        recorded = position;
        started = true;
    }

    /** What the stored answers depend on besides the statuses: each CA's signer certificate and the forms signed ahead. */
    String fingerprint() {
        return signers.now().entrySet().stream()
                        .sorted(Comparator.comparing(e -> e.getKey().id()))
                        .map(e -> e.getKey().id() + "=" + digest(e.getValue().signer()))
                        .collect(Collectors.joining(","))
                + ";" + precompute.stream().map(HashAlgorithm::name).sorted().collect(Collectors.joining(","));
    }

    private static String digest(ResponderSigner signer) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(signer.certificate().getEncoded());
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
