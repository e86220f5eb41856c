package corp.example.ocsp.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.SerialNumbers;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Signed responses and known statuses, bounded and thread-safe. Reads never block. The responder's
 * engine uses it; others see only its {@link #figures()}.
 *
 * <p>Writes need a {@link Ticket}, taken before the status they carry is looked up: a write is
 * dropped if a change to that serial ({@link #changed}) came in since its ticket was taken. So a
 * request that read the old status just before a revocation can never put the old answer back
 * after the revocation invalidated it.
 */
public final class ResponseCache {
    private static final int STRIPES = 1 << 12;
    /** Rough heap cost of an entry besides its DER bytes (key, answer record, node). */
    private static final int ENTRY_OVERHEAD = 400;
    /** How many of the entries closest to expiry {@link CacheFigures#earliestNextUpdate} looks at. */
    private static final int EARLIEST_SAMPLE = 256;

    private final CacheSettings settings;
    private final Clock clock;
    private final Cache<CacheKey, OcspAnswer.Signed> responses;
    private final Cache<SerialKey, CertStatus> statuses;
    /** Bumped on every change to a serial of the stripe: tickets taken before it are stale. */
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    /** Responses dropped at their nextUpdate, never re-signed in time. */
    private final LongAdder expired = new LongAdder();

    private final CacheFigures figures = new Figures();

    private record SerialKey(Issuer issuer, BigInteger serial) {}

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

    public ResponseCache(CacheSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.responses = Caffeine.newBuilder()
                .maximumWeight(Math.max(settings.maxBytes(), 0))
                .weigher((CacheKey k, OcspAnswer.Signed a) -> a.der().length + ENTRY_OVERHEAD)
                .expireAfter(new Expiry<CacheKey, OcspAnswer.Signed>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, OcspAnswer.Signed value, long currentTime) {
                        return untilNextUpdate(value);
                    }

                    @Override
                    public long expireAfterUpdate(
                            CacheKey key, OcspAnswer.Signed value, long currentTime, long current) {
                        return untilNextUpdate(value);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, OcspAnswer.Signed value, long currentTime, long current) {
                        return current;
                    }
                })
                .evictionListener((CacheKey k, OcspAnswer.Signed a, RemovalCause cause) -> {
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

    /**
     * The cached answer for {@code key} if there is one still inside its validity at {@code now};
     * it says {@link OcspAnswer.Signed#cached()}.
     */
    public OcspAnswer.Signed get(CacheKey key, Instant now) {
        OcspAnswer.Signed a = responses.getIfPresent(key);
        if (a == null) {
            return null;
        }
        if (!now.isBefore(a.nextUpdate())) {
            if (responses.asMap().remove(key, a)) { // never serve an expired response
                expired.increment();
            }
            return null;
        }
        return a;
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

    /** Keeps a cacheable {@code answer} unless its serial changed since {@code ticket} was taken. */
    public void put(Ticket ticket, CacheKey key, OcspAnswer.Signed answer) {
        if (!ticket.covers(key.issuer(), key.serial())) {
            throw new IllegalArgumentException("a ticket for serial " + SerialNumbers.hex(ticket.serial)
                    + " cannot cache an answer for serial " + SerialNumbers.hex(key.serial()));
        }
        if (!settings.enabled() || !answer.cacheable() || stale(ticket)) {
            return;
        }
        responses.put(key, answer.asCached());
        if (stale(ticket)) {
            responses.invalidate(key); // a change slipped in between the check and the put
        }
    }

    /** The known status of {@code serial}, if cached. */
    public Optional<CertStatus> status(Issuer issuer, BigInteger serial) {
        return Optional.ofNullable(statuses.getIfPresent(new SerialKey(issuer, serial)));
    }

    /** Keeps a known (good or revoked) status of the ticket's serial unless it changed since. */
    public void putStatus(Ticket ticket, CertStatus status) {
        if (status instanceof CertStatus.NotKnown || settings.maxStatuses() == 0) {
            return; // unknown serials never take room from known ones
        }
        if (stale(ticket)) {
            return;
        }
        SerialKey key = new SerialKey(ticket.issuer, ticket.serial);
        statuses.put(key, status);
        if (stale(ticket)) {
            statuses.invalidate(key);
        }
    }

    private boolean stale(Ticket ticket) {
        return generations.get(ticket.stripe) != ticket.generation;
    }

    /**
     * Records a committed change: later writes from before it are dropped, the status is replaced,
     * and every cached response for the serial is removed. Returns a ticket for the writer that
     * re-signs the serial.
     */
    public Ticket changed(Issuer issuer, BigInteger serial, CertStatus status) {
        int stripe = stripe(issuer, serial);
        long generation = generations.incrementAndGet(stripe);
        SerialKey key = new SerialKey(issuer, serial);
        if (status instanceof CertStatus.NotKnown) {
            statuses.invalidate(key);
        } else if (settings.maxStatuses() > 0) {
            statuses.put(key, status);
        }
        for (HashAlgorithm a : HashAlgorithm.values()) {
            responses.invalidate(new CacheKey(issuer, serial, a, false));
            responses.invalidate(new CacheKey(issuer, serial, a, true));
        }
        return new Ticket(issuer, serial, stripe, generation);
    }

    /** Up to {@code max} keys of entries whose refreshAt has passed at {@code now}. */
    public List<CacheKey> due(Instant now, int max) {
        List<CacheKey> out = new ArrayList<>();
        for (Map.Entry<CacheKey, OcspAnswer.Signed> e : responses.asMap().entrySet()) {
            if (out.size() >= max) {
                break;
            }
            if (!e.getValue().refreshAt().orElse(Instant.MAX).isAfter(now)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** The keys of the cached responses that {@code filter} accepts, as of now. */
    public List<CacheKey> keys(Predicate<CacheKey> filter) {
        return responses.asMap().keySet().stream().filter(filter).toList();
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
            return responses.estimatedSize();
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
                            .map(OcspAnswer.Signed::nextUpdate)
                            .min(Instant::compareTo));
        }

        @Override
        public long expired() {
            return expired.sum();
        }
    }
}
