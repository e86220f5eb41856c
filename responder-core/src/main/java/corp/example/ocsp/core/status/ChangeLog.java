package corp.example.ocsp.core.status;

import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A source whose committed changes can be read again from a recorded position (PostgreSQL: a
 * transaction id), so that a persistent store of signed responses catches up after a restart by
 * reading what changed while the responder was down instead of every status it holds. Positions
 * are opaque, comparable numbers of this source; they survive a restart of the responder (and a
 * standby's promotion, for PostgreSQL). Optional for a source with a {@link StatusFeed}.
 */
public interface ChangeLog {

    /**
     * The position below which every committed change has been delivered to the subscribers of
     * this source's {@link StatusFeed} (each subscriber returned from it); empty until the feed has
     * caught up once. Cheap: no I/O.
     */
    OptionalLong delivered();

    /**
     * Passes to {@code action} every certificate whose row changed at or after {@code position},
     * as it is now (a deleted one with status {@link CertStatus#notKnown()} and no expiry), and
     * returns the position the next call starts from: every change before it was passed now or is
     * older than {@code position}. Empty when the source no longer holds every change since
     * {@code position} (its history was pruned): the caller must then read the whole inventory.
     * Blocking, streamed; throws {@link StatusUnavailableException} when the source cannot be read.
     */
    OptionalLong changedSince(long position, Consumer<KnownCertificate> action);
}
