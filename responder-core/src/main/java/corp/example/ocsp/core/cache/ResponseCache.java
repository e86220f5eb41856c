package corp.example.ocsp.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * Signed responses and known statuses, bounded and thread-safe. Reads never block.
 *
 * <p>Writes are guarded by generations: a writer reads {@link #generation} before it looks up a
 * status, and its {@link #put} or {@link #putStatus} is dropped if a change to that serial
 * ({@link #changed}) came in between. So a request that read the old status just before a
 * revocation can never put the old answer back after the revocation invalidated it.
 */
public final class ResponseCache {
    private static final int STRIPES = 1 << 12;
    /** Rough heap cost of an entry besides its DER bytes (key, answer record, node). */
    private static final int ENTRY_OVERHEAD = 400;

    private final CacheSettings settings;
    private final Clock clock;
    private final Cache<CacheKey, OcspAnswer> responses;
    private final Cache<SerialKey, CertStatus> statuses;
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

    private record SerialKey(Issuer issuer, BigInteger serial) {
    }

    public ResponseCache(CacheSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.responses = Caffeine.newBuilder()
                .maximumWeight(Math.max(settings.maxBytes(), 0))
                .weigher((CacheKey k, OcspAnswer a) -> a.der().length + ENTRY_OVERHEAD)
                .expireAfter(new Expiry<CacheKey, OcspAnswer>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, OcspAnswer value, long currentTime) {
                        return untilNextUpdate(value);
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, OcspAnswer value, long currentTime, long current) {
                        return untilNextUpdate(value);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, OcspAnswer value, long currentTime, long current) {
                        return current;
                    }
                })
                .executor(Runnable::run)
                .build();
        this.statuses = Caffeine.newBuilder().maximumSize(settings.maxStatuses()).executor(Runnable::run).build();
    }

    private long untilNextUpdate(OcspAnswer a) {
        Instant next = a.nextUpdate().orElse(Instant.EPOCH);
        return Math.max(0, Duration.between(clock.instant(), next).toNanos());
    }

    public CacheSettings settings() {
        return settings;
    }

    /** The cached answer for {@code key} if there is one still inside its validity at {@code now}. */
    public OcspAnswer get(CacheKey key, Instant now) {
        OcspAnswer a = responses.getIfPresent(key);
        if (a == null) {
            return null;
        }
        if (!now.isBefore(a.nextUpdate().orElse(Instant.EPOCH))) {
            responses.invalidate(key); // never serve an expired response
            return null;
        }
        return a;
    }

    /** The generation of {@code serial}'s stripe: read it before looking up a status. */
    public long generation(Issuer issuer, BigInteger serial) {
        return generations.get(stripe(issuer, serial));
    }

    /** Every stripe's generation now: read before a bulk read of statuses (the precompute). */
    public long[] generations() {
        long[] out = new long[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            out[i] = generations.get(i);
        }
        return out;
    }

    /** {@code serial}'s generation in a {@link #generations()} snapshot. */
    public static long generation(long[] snapshot, Issuer issuer, BigInteger serial) {
        return snapshot[stripe(issuer, serial)];
    }

    /** Keeps {@code answer} unless {@code serial} changed since {@code generation} was read. */
    public void put(CacheKey key, OcspAnswer answer, long generation) {
        if (!settings.enabled() || !answer.cacheable()) {
            return;
        }
        int stripe = stripe(key.issuer(), key.serial());
        if (generations.get(stripe) != generation) {
            return;
        }
        responses.put(key, answer);
        if (generations.get(stripe) != generation) {
            responses.invalidate(key); // a change slipped in between the check and the put
        }
    }

    /** The known status of {@code serial}, if cached. */
    public Optional<CertStatus> status(Issuer issuer, BigInteger serial) {
        return Optional.ofNullable(statuses.getIfPresent(new SerialKey(issuer, serial)));
    }

    /** Keeps a known (good or revoked) status unless {@code serial} changed since {@code generation}. */
    public void putStatus(Issuer issuer, BigInteger serial, CertStatus status, long generation) {
        if (status instanceof CertStatus.NotKnown || settings.maxStatuses() == 0) {
            return; // unknown serials never take room from known ones
        }
        int stripe = stripe(issuer, serial);
        if (generations.get(stripe) != generation) {
            return;
        }
        SerialKey key = new SerialKey(issuer, serial);
        statuses.put(key, status);
        if (generations.get(stripe) != generation) {
            statuses.invalidate(key);
        }
    }

    /**
     * Records a committed change: later writes from before it are dropped, the status is replaced,
     * and every cached response for the serial is removed. Returns the new generation, for the
     * writer that re-signs the serial.
     */
    public long changed(Issuer issuer, BigInteger serial, CertStatus status) {
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
        return generation;
    }

    /** Up to {@code max} entries whose refreshAt has passed at {@code now}. */
    public List<Map.Entry<CacheKey, OcspAnswer>> due(Instant now, int max) {
        List<Map.Entry<CacheKey, OcspAnswer>> out = new ArrayList<>();
        for (Map.Entry<CacheKey, OcspAnswer> e : responses.asMap().entrySet()) {
            if (out.size() >= max) {
                break;
            }
            if (!e.getValue().refreshAt().orElse(Instant.MAX).isAfter(now)) {
                out.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /** The keys of the cached responses that {@code filter} accepts, as of now. */
    public List<CacheKey> keys(Predicate<CacheKey> filter) {
        return responses.asMap().keySet().stream().filter(filter).toList();
    }

    /** Cached responses. */
    public long size() {
        return responses.estimatedSize();
    }

    /** Cached known statuses. */
    public long statusCount() {
        return statuses.estimatedSize();
    }

    /** The cached responses' weight in bytes, as bounded by {@link CacheSettings#maxBytes()}. */
    public long weightBytes() {
        return responses.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    private static int stripe(Issuer issuer, BigInteger serial) {
        int h = issuer.id().hashCode() * 31 + serial.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
