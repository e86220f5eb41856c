package corp.example.ocsp.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How current a change feed is, for operators ({@code /status}, metrics): not for the load
 * balancer, since a feed that lags still leaves the cached answers servable.
 *
 * @param caughtUpAt when the feed last caught up: every change committed before it has been
 *     delivered (for the PostgreSQL store, the start of the last reconcile that completed); empty
 *     before the first
 * @param pushed true while changes are pushed as they commit (the store's LISTEN connection is
 *     up); false while they arrive by the periodic catch-up only (a standby, or LISTEN broken)
 * @param detail one line saying why changes are not pushed, or what the catch-up last failed on;
 *     empty when all is well
 */
public record FeedState(Optional<Instant> caughtUpAt, boolean pushed, String detail) {
    public FeedState {
        Objects.requireNonNull(caughtUpAt, "caughtUpAt");
        Objects.requireNonNull(detail, "detail");
    }

    /** How far behind {@code now} the feed may be: the time since it last caught up, or empty if never. */
    public Optional<Duration> lag(Instant now) {
        return caughtUpAt.map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
    }
}
