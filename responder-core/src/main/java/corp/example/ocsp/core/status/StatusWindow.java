package corp.example.ocsp.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * When a source's statuses of one CA hold: as of {@code thisUpdate}, and not to be relied on after
 * {@code nextUpdate}, as a CRL's are. Answers from such statuses carry a thisUpdate no later than
 * {@code thisUpdate} and a nextUpdate no later than {@code nextUpdate}; once {@code nextUpdate} has
 * passed they are {@code tryLater}, never signed from the stale statuses.
 */
public record StatusWindow(Instant thisUpdate, Instant nextUpdate) {
    public StatusWindow {
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }

    /** The narrower of the two: the earlier thisUpdate and the earlier nextUpdate. */
    public StatusWindow narrowedBy(StatusWindow other) {
        return new StatusWindow(
                thisUpdate.isBefore(other.thisUpdate) ? thisUpdate : other.thisUpdate,
                nextUpdate.isBefore(other.nextUpdate) ? nextUpdate : other.nextUpdate);
    }
}
