package corp.example.ocsp.core.cache;

import java.time.Instant;
import java.util.Optional;

/** What a responder's cache holds now, for metrics and logs; read-only, and cheap to read. */
public interface CacheFigures {

    /** Cached signed responses. */
    long responses();

    /** The cached responses' weight in bytes, as bounded by {@link CacheSettings#maxBytes()}. */
    long weightBytes();

    /** Cached known statuses. */
    long statuses();

    /**
     * The nextUpdate of the cached response closest to it (to within the cache's expiry timer:
     * seconds when it is minutes away, about an hour when it is a day away); empty when nothing is
     * cached. The refresher keeps it at least {@code 1 - refreshFraction} of the validity away; a
     * value near now means it is falling behind.
     */
    Optional<Instant> earliestNextUpdate();

    /** Cached responses that reached their nextUpdate before being re-signed, since start. */
    long expired();
}
