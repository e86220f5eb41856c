package corp.example.ocsp.core.status;

import java.time.Duration;
import java.util.Objects;

/**
 * How a status source without a {@link StatusFeed} keeps cached answers in step with it: an answer
 * is served from the cache for at most {@code bound} after its status was last read from the
 * source. Past that, the next request for it reads that one status again (on a signing thread,
 * never on an event loop): the same status, reason and revocation time serve the same signed
 * response again, marked fresh for another {@code bound}; a different one is signed anew. While the
 * source is unavailable, the cached answer keeps being served until its nextUpdate.
 *
 * <p>So a revocation is answered at most {@code bound} plus one lookup and one signature after its
 * commit, at the cost of one primary-key read per cached response per {@code bound} that is asked
 * for. The default, {@link #DEFAULT}, is 500 ms: a revocation shows within a second.
 *
 * @param bound how long an answer may be served without reading its status again; positive
 */
public record Freshness(Duration bound) {
    /** 500 ms: a revocation or a new certificate is answered within a second of its commit. */
    public static final Freshness DEFAULT = new Freshness(Duration.ofMillis(500));

    public Freshness {
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("the freshness bound must be positive, got " + bound);
        }
    }
}
