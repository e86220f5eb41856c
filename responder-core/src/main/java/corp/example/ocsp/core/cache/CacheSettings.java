package corp.example.ocsp.core.cache;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How the response cache behaves.
 *
 * @param maxBytes         bound on the cached responses' weight (DER bytes plus overhead); 0 turns
 *                         the cache off. Default 1 GiB (a P-256 response with its delegated certificate costs about
 *                         1.2 KiB of heap: 1,000,000 certificates need about 1.2 GiB). The server sizes this
 *                         and {@code maxStatuses} to the heap instead ({@link HeapBudget})
 * @param refreshFraction  re-sign an entry when it has lived this fraction of its validity, and never
 *                         later than BR 4.9.9 allows. Default 0.5
 * @param precompute       the CertID hash algorithms whose responses are signed ahead of requests for
 *                         every known certificate; others are cached on first request. Default SHA-1
 *                         (what Apache, nginx and openssl send)
 * @param refreshPerSecond most re-signings per second by the refresher. Default 1000
 * @param maxStatuses      bound on the known-status cache, in certificates. Default 4,000,000
 */
public record CacheSettings(
        long maxBytes, double refreshFraction, Set<HashAlgorithm> precompute, int refreshPerSecond, long maxStatuses) {
    public CacheSettings {
        Objects.requireNonNull(precompute, "precompute");
        precompute = precompute.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(precompute));
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the cache size must not be negative, got " + maxBytes + " bytes");
        }
        if (!(refreshFraction > 0 && refreshFraction < 1)) {
            throw new IllegalArgumentException("the refresh fraction must be between 0 and 1, got " + refreshFraction);
        }
        if (refreshPerSecond < 1) {
            throw new IllegalArgumentException(
                    "the refresh rate must be at least 1 re-signing per second, got " + refreshPerSecond);
        }
        if (maxStatuses < 0) {
            throw new IllegalArgumentException("the bound on cached statuses must not be negative, got " + maxStatuses);
        }
    }

    public static CacheSettings defaults() {
        return new CacheSettings(1024L << 20, 0.5, Set.of(HashAlgorithm.SHA1), 1000, 4_000_000);
    }

    /** No caching at all: every request is looked up and signed. */
    public static CacheSettings disabled() {
        return new CacheSettings(0, 0.5, Set.of(), 1, 0);
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    public CacheSettings withPrecompute(Set<HashAlgorithm> algorithms) {
        return new CacheSettings(maxBytes, refreshFraction, algorithms, refreshPerSecond, maxStatuses);
    }

    public CacheSettings withMaxBytes(long bytes) {
        return new CacheSettings(bytes, refreshFraction, precompute, refreshPerSecond, maxStatuses);
    }
}
