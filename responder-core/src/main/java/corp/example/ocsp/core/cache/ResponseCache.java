package corp.example.ocsp.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusChange;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed responses and known statuses, bounded and thread-safe. Reads never block. The responder's
 * engine uses it; others see only its {@link #figures()}.
 *
 * <p>Writes need a {@link Ticket}, taken before the status they carry is looked up: a write is
 * dropped if a change to that serial ({@link #changed}) came in since its ticket was taken. So a
 * request that read the old status just before a revocation can never put the old answer back
 * after the revocation invalidated it.
 *
 * <p>With a {@link Freshness} bound (a source without a change feed), each response remembers when
 * its status was last read: {@link #get} serves it only within the bound, {@link #held} gives it
 * past the bound for a re-check, and {@link #revalidated} marks it fresh again when the source still
 * says the same. Known statuses then remember when they were read too, and are used only within the
 * bound; a response signed or re-checked with one counts from that read.
 *
 * <p>With a {@link StoredResponses} store behind it, the responses above are its heap tier: every
 * answer kept is written through to the store, and {@link #stored} reads what the heap tier misses
 * (off the event loop), under the same tickets. A bulk change removes its serials' stored answers
 * behind it, on a thread of its own ({@link #changedAll}): until then they are never read.
 *
 * <p>Over 300 lines on purpose: the two caches, the store behind them, the stripe generations and
 * the tickets that guard writes to all three are one mechanism; split across classes, the guard
 * would leak to callers again. What the store needs beyond reads and writes is in {@link StoreTier}.
 */
public final class ResponseCache {
    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);
    private static final int STRIPES = 1 << 12;
    /** Rough heap cost of an entry besides its DER bytes (key, answer record, node). */
    static final int ENTRY_OVERHEAD = 400;
    /** How many of the entries closest to expiry {@link CacheFigures#earliestNextUpdate} looks at. */
    private static final int EARLIEST_SAMPLE = 256;
    /** The most changes {@link #changedAll} applies at once: each stripe moves once, one store transaction removes their answers. */
    private static final int CHANGES_AT_ONCE = 256;
    /**
     * The most serials whose stored answers wait for {@link #unremoved}'s thread (about 100 bytes of
     * heap each); past it, a change removes them itself, as a small one always does.
     */
    private static final int MOST_UNREMOVED = 1 << 18;

    private final CacheSettings settings;
    private final Clock clock;
    private final Optional<Freshness> freshness;
    private final MemoryPressure pressure;
    private final StoreTier tier;
    private final Cache<CacheKey, Entry> responses;
    private final Cache<SerialKey, Known> statuses;
    /** Bumped on every change to a serial of the stripe: tickets taken before it are stale. */
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    /** Held while a stripe's serials are written to the store, their statuses kept, or changed: a stale write never lands. */
    private final Object[] stripeLocks = new Object[STRIPES];
    /**
     * Serials a change made stale whose answers the store may still hold: {@link #stored} never
     * reads them, a write of one removes them first, and {@link #removeStale} the rest. Added under
     * the serial's stripe lock, removed under {@link #storeWriter} once its answers are gone.
     */
    private final Set<SerialKey> unremoved = ConcurrentHashMap.newKeySet();
    /**
     * Held while answers are written to the store or stale ones removed, one at a time (as the
     * store's one writer is anyway): every answer of a serial in {@link #unremoved} is then stale,
     * and a removal never takes one written after the change. Taken after stripe locks, never before.
     */
    private final Object storeWriter = new Object();
    /** The one thread that removes what bulk changes left behind (none while idle). */
    private final ThreadPoolExecutor remover;
    /** Responses dropped at their nextUpdate, never re-signed in time. */
    private final LongAdder expired = new LongAdder();

    private final CacheFigures figures = new Figures();

    private record SerialKey(Issuer issuer, BigInteger serial) {}

    /** A known status and when it was read from the source. */
    private record Known(CertStatus status, Instant readAt) {}

    /** A cached response, the status it was signed with, and when that status was last read. */
    private static final class Entry {
        final OcspAnswer.Signed answer;
        final CertStatus status;
        volatile Instant checkedAt;

        Entry(OcspAnswer.Signed answer, CertStatus status, Instant checkedAt) {
            this.answer = answer;
            this.status = status;
            this.checkedAt = checkedAt;
        }
    }

    /** A cached response and the status it says, found past its freshness bound. */
    public record Held(OcspAnswer.Signed answer, CertStatus status) {}

    /**
     * Permission to cache what is about to be learnt about one serial, void once the serial
     * changes. Opaque: take it with {@link #ticket} (or from a {@link Snapshot}) before the lookup.
     */
    public static final class Ticket {
        private final Issuer issuer;
        private final BigInteger serial;
        private final int stripe;
        private final long generation;

        private Ticket(Issuer issuer, BigInteger serial, int stripe, long generation) {
            this.issuer = issuer;
            this.serial = serial;
            this.stripe = stripe;
            this.generation = generation;
        }

        private boolean covers(Issuer issuer, BigInteger serial) {
            return this.issuer.equals(issuer) && this.serial.equals(serial);
        }
    }

    /** Tickets for every serial at once, taken before a bulk read of statuses (the precompute). */
    public final class Snapshot {
        private final long[] taken = new long[STRIPES];

        private Snapshot() {
            for (int i = 0; i < STRIPES; i++) {
                taken[i] = generations.get(i);
            }
        }

        /** {@code serial}'s ticket as of this snapshot. */
        public Ticket ticket(Issuer issuer, BigInteger serial) {
            int stripe = stripe(issuer, serial);
            return new Ticket(issuer, serial, stripe, taken[stripe]);
        }
    }

    /** A cache whose entries follow a change feed: served until their nextUpdate. */
    public ResponseCache(CacheSettings settings, Clock clock) {
        this(settings, clock, Optional.empty());
    }

    /** A cache whose entries are served for {@code freshness} after their status was read, if given. */
    public ResponseCache(CacheSettings settings, Clock clock, Optional<Freshness> freshness) {
        this(settings, clock, freshness, MemoryPressure.ofThisJvm());
    }

    /** As above, adding nothing to the heap while {@code pressure} is high. */
    public ResponseCache(CacheSettings settings, Clock clock, Optional<Freshness> freshness, MemoryPressure pressure) {
        this(settings, clock, freshness, pressure, Optional.empty());
    }

    /**
     * As above, with {@code store} as the persistent tier behind the heap: every answer kept is
     * written through to it, and {@link #stored} reads what the heap does not hold. Not with a
     * freshness bound (the store does not know when a status was read).
     */
    public ResponseCache(
            CacheSettings settings,
            Clock clock,
            Optional<Freshness> freshness,
            MemoryPressure pressure,
            Optional<StoredResponses> store) {
        if (freshness.isPresent() && store.isPresent()) {
            throw new IllegalArgumentException(
                    "a response store needs a source with a change feed, not a freshness bound");
        }
        this.settings = settings;
        this.clock = clock;
        this.freshness = freshness;
        this.pressure = pressure;
        this.tier = new StoreTier(store);
        for (int i = 0; i < STRIPES; i++) {
            stripeLocks[i] = new Object();
        }
        this.remover = new ThreadPoolExecutor(
                1,
                1,
                1,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreads.factory("ocsp-store-removal", false));
        remover.allowCoreThreadTimeOut(true);
        this.responses = Caffeine.newBuilder()
                .maximumWeight(Math.max(settings.maxBytes(), 0))
                .weigher((CacheKey k, Entry e) -> e.answer.der().length + ENTRY_OVERHEAD)
                .expireAfter(new Expiry<CacheKey, Entry>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, Entry value, long currentTime) {
                        return untilNextUpdate(value.answer);
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, Entry value, long currentTime, long current) {
                        return untilNextUpdate(value.answer);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, Entry value, long currentTime, long current) {
                        return current;
                    }
                })
                .evictionListener((CacheKey k, Entry e, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        expired.increment();
                    }
                })
                .executor(Runnable::run)
                .build();
        this.statuses = Caffeine.newBuilder()
                .maximumSize(settings.maxStatuses())
                .executor(Runnable::run)
                .build();
    }

    private long untilNextUpdate(OcspAnswer.Signed a) {
        return Math.max(0, Duration.between(clock.instant(), a.nextUpdate()).toNanos());
    }

    public CacheSettings settings() {
        return settings;
    }

    /** True while the heap is too full for this cache to grow: {@link #put} and {@link #putStatus} add nothing. */
    public boolean underPressure() {
        return pressure.high();
    }

    /** What the memory pressure is measured against, for logs. */
    public String pressureDescription() {
        return pressure.toString();
    }

    /**
     * The cached answer for {@code key} if there is one still inside its validity at {@code now}, and
     * within the freshness bound if there is one; it says {@link OcspAnswer.Signed#cached()}.
     */
    public OcspAnswer.Signed get(CacheKey key, Instant now) {
        Entry e = valid(key, now);
        if (e == null
                || freshness.isPresent()
                        && !now.isBefore(e.checkedAt.plus(freshness.get().bound()))) {
            return null;
        }
        return e.answer;
    }

    /** The cached answer for {@code key} inside its validity at {@code now}, fresh or not. */
    public Optional<Held> held(CacheKey key, Instant now) {
        Entry e = valid(key, now);
        return e == null ? Optional.empty() : Optional.of(new Held(e.answer, e.status));
    }

    /**
     * The source still says {@code status} of {@code key}'s serial: if that is the status of the
     * cached answer and nothing changed since {@code ticket}, the answer is fresh again from now.
     * Returns the answer so marked.
     */
    public Optional<OcspAnswer.Signed> revalidated(Ticket ticket, CacheKey key, CertStatus status) {
        Entry e = responses.getIfPresent(key);
        if (e == null || !e.status.equals(status) || voided(ticket) || !ticket.covers(key.issuer(), key.serial())) {
            return Optional.empty();
        }
        e.checkedAt = readAt(key, status);
        return Optional.of(e.answer);
    }

    private Entry valid(CacheKey key, Instant now) {
        Entry e = responses.getIfPresent(key);
        if (e != null && !now.isBefore(e.answer.nextUpdate())) {
            if (responses.asMap().remove(key, e)) { // never serve an expired response
                expired.increment();
            }
            return null;
        }
        return e;
    }

    /** A ticket for {@code serial}: take it before looking up its status. */
    public Ticket ticket(Issuer issuer, BigInteger serial) {
        int stripe = stripe(issuer, serial);
        return new Ticket(issuer, serial, stripe, generations.get(stripe));
    }

    /** Tickets for every serial as of now: take it before a bulk read of statuses. */
    public Snapshot snapshot() {
        return new Snapshot();
    }

    /**
     * Keeps a cacheable {@code answer}, signed with {@code status} as read after {@code ticket} was
     * taken, unless its serial changed since. Returns true when it was dropped for that (a change
     * in the ticket's stripe, which may be of another serial): the caller may sign it again.
     */
    public boolean put(Ticket ticket, CacheKey key, OcspAnswer.Signed answer, CertStatus status) {
        requireCovers(ticket, key);
        if (!settings.enabled() || !answer.cacheable()) {
            return false;
        }
        if (voided(ticket)) {
            return true;
        }
        if (tier.store().isPresent()) { // the disk takes it whatever the heap, unless a change came first
            synchronized (stripeLocks[ticket.stripe]) {
                if (voided(ticket)) {
                    return true;
                }
                synchronized (storeWriter) {
                    removeStale(List.of(new SerialKey(key.issuer(), key.serial())));
                    tier.store().get().put(key, answer, status);
                }
            }
        }
        if (!pressure.high()) { // under memory pressure the answer was signed live, the next one will be too
            responses.put(key, new Entry(answer.asCached(), status, readAt(key, status)));
        }
        if (voided(ticket)) { // a change slipped in between the check and the put
            responses.invalidate(key);
            return tier.store().isEmpty();
        }
        return false;
    }

    private static void requireCovers(Ticket ticket, CacheKey key) {
        if (!ticket.covers(key.issuer(), key.serial())) {
            throw new IllegalArgumentException("a ticket for serial " + SerialNumbers.hex(ticket.serial)
                    + " cannot cache an answer for serial " + SerialNumbers.hex(key.serial()));
        }
    }

    /** One answer to keep: {@link #put}'s arguments, for {@link #putAll}. */
    public record Put(Ticket ticket, CacheKey key, OcspAnswer.Signed answer, CertStatus status) {}

    /**
     * As {@link #put} for each of {@code puts}, written to the store in one transaction (the
     * start-up fill's batches), and to the heap tier only without a store: the fill's answers are
     * not the hottest, and keeping them in the heap would only evict those that are. Returns those
     * dropped because their stripe changed since the ticket.
     */
    public List<Put> putAll(List<Put> puts) {
        List<Put> dropped = new ArrayList<>();
        if (tier.store().isEmpty()) {
            for (Put p : puts) {
                if (put(p.ticket(), p.key(), p.answer(), p.status())) {
                    dropped.add(p);
                }
            }
            return dropped;
        }
        List<Put> kept = new ArrayList<>(puts.size());
        for (Put p : puts) {
            requireCovers(p.ticket(), p.key());
            if (settings.enabled() && p.answer().cacheable()) {
                if (voided(p.ticket())) {
                    dropped.add(p);
                } else {
                    kept.add(p);
                }
            }
        }
        int[] stripes = ascending(kept.stream().mapToInt(p -> p.ticket().stripe));
        underStripeLocks(
                stripes,
                0,
                () -> { // in ascending order: put and changed take one at a time
                    List<StoredResponses.Write> writes = new ArrayList<>(kept.size());
                    List<SerialKey> serials = new ArrayList<>(kept.size());
                    for (Put p : kept) {
                        if (!voided(p.ticket())) { // a change that came first wins
                            writes.add(new StoredResponses.Write(p.key(), p.answer(), p.status()));
                            serials.add(new SerialKey(p.key().issuer(), p.key().serial()));
                        } else {
                            dropped.add(p);
                        }
                    }
                    synchronized (storeWriter) {
                        removeStale(serials);
                        tier.store().get().putAll(writes);
                    }
                });
        return dropped;
    }

    /** The distinct stripes of {@code stripes} in ascending order, the order {@link #underStripeLocks} takes them in. */
    private static int[] ascending(IntStream stripes) {
        return stripes.distinct().sorted().toArray();
    }

    private void underStripeLocks(int[] stripes, int from, Runnable action) {
        if (from == stripes.length) {
            action.run();
            return;
        }
        synchronized (stripeLocks[stripes[from]]) {
            underStripeLocks(stripes, from + 1, action);
        }
    }

    /**
     * The store's answer for {@code key}, for a request the heap tier could not answer, if there is
     * one valid at {@code now} and the serial did not change since {@code ticket}; it joins the heap
     * tier. Null without. Blocks on the disk: never on an event loop.
     */
    public OcspAnswer.Signed stored(Ticket ticket, CacheKey key, Instant now) {
        if (tier.store().isEmpty()
                || voided(ticket)
                || !ticket.covers(key.issuer(), key.serial())
                || !unremoved.isEmpty() && unremoved.contains(new SerialKey(key.issuer(), key.serial()))) {
            return null;
        }
        Optional<StoredResponses.Hit> hit = tier.store().get().get(key);
        if (hit.isEmpty() || !now.isBefore(hit.get().answer().nextUpdate())) {
            return null;
        }
        if (!pressure.high()) {
            responses.put(key, new Entry(hit.get().answer(), hit.get().status(), clock.instant()));
        }
        if (voided(ticket)) {
            responses.invalidate(key);
            return null;
        }
        return hit.get().answer();
    }

    /** The persistent tier, if there is one (the start-up fill confirms its entries against the source). */
    public Optional<StoredResponses> store() {
        return tier.store();
    }

    /** {@code signers} sign from now on: the store tags what they sign, and re-signs the rest as it comes due. */
    public void signersReplaced(Map<Issuer, ResponderSigner> signers) {
        tier.signers(signers);
    }

    /** When {@code status} of {@code key}'s serial was read: the known status's read time, else now. */
    private Instant readAt(CacheKey key, CertStatus status) {
        Known k = statuses.getIfPresent(new SerialKey(key.issuer(), key.serial()));
        return k != null && k.status.equals(status) ? k.readAt : clock.instant();
    }

    /** The known status of {@code serial}, if cached (with a freshness bound: read within it). */
    public Optional<CertStatus> status(Issuer issuer, BigInteger serial) {
        Known k = statuses.getIfPresent(new SerialKey(issuer, serial));
        if (k == null
                || freshness.isPresent()
                        && !clock.instant()
                                .isBefore(k.readAt.plus(freshness.get().bound()))) {
            return Optional.empty();
        }
        return Optional.of(k.status);
    }

    /** Keeps a known (good or revoked) status of the ticket's serial unless it changed since. */
    public void putStatus(Ticket ticket, CertStatus status) {
        if (status instanceof CertStatus.NotKnown || settings.maxStatuses() == 0) {
            return; // unknown serials never take room from known ones
        }
        if (pressure.high()) {
            return;
        }
        // under the stripe's lock: a change puts its status and moves the stripe on under it, so
        // this either comes before both (and the change's status replaces it) or sees the move
        synchronized (stripeLocks[ticket.stripe]) {
            if (!voided(ticket)) {
                statuses.put(new SerialKey(ticket.issuer, ticket.serial), new Known(status, clock.instant()));
            }
        }
    }

    /**
     * True once a change of {@code ticket}'s stripe came after it: an answer kept under it would be
     * dropped, so a re-sign can skip signing it (during a bulk change most queued re-signs are).
     */
    public boolean voided(Ticket ticket) {
        return generations.get(ticket.stripe) != ticket.generation;
    }

    /**
     * Records a committed change: later writes from before it are dropped, the status is replaced,
     * and every cached response for the serial is removed. Returns a ticket for the writer that
     * re-signs the serial.
     */
    public Ticket changed(Issuer issuer, BigInteger serial, CertStatus status) {
        return changedAll(List.of(new StatusChange(issuer, serial, status))).get(0);
    }

    /**
     * As {@link #changed} for each of {@code changes} (of distinct serials), a few hundred at once:
     * each stripe they touch moves on once, so the ticket returned for each (in order) is voided
     * only by a later change, not by another of the few hundred (one at a time, a bulk revocation
     * voided most of its own re-signs). Their stored answers are removed in one store transaction
     * per few hundred: before this returns for a small change; for a bulk one (at least {@value
     * #CHANGES_AT_ONCE}), behind it on {@link #remover}'s thread, while {@link #stored} no longer
     * reads them, so the next change is applied without waiting for a disk write per serial.
     */
    public List<Ticket> changedAll(List<StatusChange> changes) {
        boolean behind = tier.store().isPresent() && changes.size() >= CHANGES_AT_ONCE;
        List<Ticket> tickets = new ArrayList<>(changes.size());
        for (int from = 0; from < changes.size(); from += CHANGES_AT_ONCE) {
            List<StatusChange> some = changes.subList(from, Math.min(changes.size(), from + CHANGES_AT_ONCE));
            List<SerialKey> stale = new ArrayList<>(tier.store().isPresent() ? some.size() : 0);
            if (tier.store().isPresent()) {
                some.forEach(c -> stale.add(new SerialKey(c.issuer(), c.serial())));
            }
            tickets.addAll(apply(some, stale));
            if (!stale.isEmpty()) {
                if (behind && unremoved.size() < MOST_UNREMOVED && !pressure.high()) {
                    remover.execute(() -> removeBehind(stale));
                } else {
                    removeStale(stale);
                }
            }
        }
        return tickets;
    }

    /** Applies {@code changes} a stripe at a time, marking {@code stale} (their serials, or none without a store) unremoved. */
    private List<Ticket> apply(List<StatusChange> changes, List<SerialKey> stale) {
        int n = changes.size();
        long[] byStripe = new long[n]; // the stripe in the high half, the index in the low: sorted, by stripe
        for (int i = 0; i < n; i++) {
            byStripe[i] = (long) stripe(changes.get(i).issuer(), changes.get(i).serial()) << 32 | i;
        }
        Arrays.sort(byStripe);
        int[] stripeOf = new int[n];
        long[] moved = new long[n];
        for (int from = 0, to; from < n; from = to) {
            int stripe = (int) (byStripe[from] >>> 32);
            for (to = from + 1; to < n && (int) (byStripe[to] >>> 32) == stripe; ) {
                to++;
            }
            // the store's answers out of reach first, and no write of the stripe meanwhile (answer or
            // status, which put and putStatus make under this lock): a reader
            // whose ticket is taken after the move must not find an old answer there and put it into
            // the heap tier under a ticket the change cannot void (SoakTest caught a revoked serial
            // answered good again); nor the old status, which a re-sign with such a ticket would sign
            synchronized (stripeLocks[stripe]) {
                for (int j = from; j < to; j++) {
                    int i = (int) byStripe[j];
                    if (!stale.isEmpty()) {
                        unremoved.add(stale.get(i));
                    }
                    known(changes.get(i));
                }
                long generation = generations.incrementAndGet(stripe);
                for (int j = from; j < to; j++) {
                    stripeOf[(int) byStripe[j]] = stripe;
                    moved[(int) byStripe[j]] = generation;
                }
            }
        }
        List<Ticket> tickets = new ArrayList<>(changes.size());
        for (int i = 0; i < stripeOf.length; i++) {
            StatusChange c = changes.get(i);
            for (HashAlgorithm a : HashAlgorithm.values()) {
                responses.invalidate(new CacheKey(c.issuer(), c.serial(), a, false));
                responses.invalidate(new CacheKey(c.issuer(), c.serial(), a, true));
            }
            tickets.add(new Ticket(c.issuer(), c.serial(), stripeOf[i], moved[i]));
        }
        return tickets;
    }

    /** {@link #removeStale} on {@link #remover}'s thread: what it cannot remove stays unread, for {@link #finishRemovals}. */
    private void removeBehind(List<SerialKey> stale) {
        try {
            removeStale(stale);
        } catch (RuntimeException e) {
            log.warn(
                    "cannot remove the stored answers of {} changed serials yet ({}); they are answered live until"
                            + " the store's next watermark removes them",
                    stale.size(),
                    e.toString());
        }
    }

    /** Removes the stored answers of those of {@code serials} still {@link #unremoved}, in one transaction per issuer. */
    private void removeStale(List<SerialKey> serials) {
        if (unremoved.isEmpty()) {
            return;
        }
        synchronized (storeWriter) {
            Map<Issuer, List<BigInteger>> byIssuer = new LinkedHashMap<>();
            List<SerialKey> found = new ArrayList<>(serials.size());
            for (SerialKey k : serials) {
                if (unremoved.contains(k)) {
                    byIssuer.computeIfAbsent(k.issuer(), i -> new ArrayList<>()).add(k.serial());
                    found.add(k);
                }
            }
            byIssuer.forEach((issuer, some) -> tier.store().get().removeAll(issuer, some));
            // only those found: one a change adds meanwhile may have answers this did not remove;
            // one found and added again has none left (no answer is written meanwhile)
            found.forEach(unremoved::remove);
        }
    }

    /**
     * Removes, on the calling thread, the stored answers that changes applied so far left for
     * {@link #remover}'s thread: once this returns, the store holds no answer older than a change
     * applied before it was called. Before recording a watermark of the store.
     */
    public void finishRemovals() {
        List<SerialKey> all = List.copyOf(unremoved);
        for (int from = 0; from < all.size(); from += CHANGES_AT_ONCE) {
            removeStale(all.subList(from, Math.min(all.size(), from + CHANGES_AT_ONCE)));
        }
    }

    /** Keeps {@code c}'s status as the known one (forgets it when the serial is no longer known). */
    private void known(StatusChange c) {
        SerialKey key = new SerialKey(c.issuer(), c.serial());
        if (c.status() instanceof CertStatus.NotKnown) {
            statuses.invalidate(key);
        } else if (settings.maxStatuses() > 0) {
            statuses.put(key, new Known(c.status(), clock.instant()));
        }
    }

    /**
     * Up to {@code max} keys of entries whose refreshAt has passed at {@code now}: of the heap tier,
     * then of the next slice of the store (with those a replaced key signed).
     */
    public List<CacheKey> due(Instant now, int max) {
        Set<CacheKey> out = new LinkedHashSet<>();
        for (Map.Entry<CacheKey, Entry> e : responses.asMap().entrySet()) {
            if (out.size() >= max) {
                break;
            }
            if (!e.getValue().answer.refreshAt().orElse(Instant.MAX).isAfter(now)) {
                out.add(e.getKey());
            }
        }
        tier.due(now, max, out);
        return List.copyOf(out);
    }

    /** Passes the key of every response held (heap tier and store) that {@code filter} accepts to {@code action}. */
    public void forEachKey(Predicate<CacheKey> filter, Consumer<CacheKey> action) {
        if (tier.store().isPresent()) {
            tier.forEachKey(filter, action); // the store holds what the heap tier holds
        } else {
            responses.asMap().keySet().stream().filter(filter).toList().forEach(action);
        }
    }

    /** A read-only view of how much this cache holds. */
    public CacheFigures figures() {
        return figures;
    }

    private static int stripe(Issuer issuer, BigInteger serial) {
        int h = issuer.id().hashCode() * 31 + serial.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    private final class Figures implements CacheFigures {
        @Override
        public long responses() {
            return tier.size(responses.estimatedSize());
        }

        @Override
        public long weightBytes() {
            return responses
                    .policy()
                    .eviction()
                    .map(e -> e.weightedSize().orElse(0))
                    .orElse(0L);
        }

        @Override
        public long statuses() {
            return statuses.estimatedSize();
        }

        @Override
        public Optional<Instant> earliestNextUpdate() {
            return responses
                    .policy()
                    .expireVariably()
                    .flatMap(v -> v.oldest(EARLIEST_SAMPLE).values().stream()
                            .map(e -> e.answer.nextUpdate())
                            .min(Instant::compareTo));
        }

        @Override
        public long expired() {
            return expired.sum();
        }
    }
}
