package corp.example.ocsp.core.status;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pushes {@link StatusChange}s to subscribers after they are committed, so caches can replace what
 * they hold. Delivery is at least once: a subscriber may see the same change twice and must treat
 * the status in the change as the latest truth.
 */
public interface StatusFeed {

    /** Delivers every later change to {@code subscriber}, on a feed thread, until the handle is closed. */
    Subscription subscribe(Consumer<StatusChange> subscriber);

    /**
     * As {@link #subscribe}, the changes of one read of the source (a reconcile, a new version of
     * a file) passed together, in order, so the subscriber can apply them at once: a bulk
     * revocation of 100,000 costs a few hundred store transactions, not 100,000. A source that
     * reads its changes in bulk overrides it; by default each change is a batch of its own.
     */
    default Subscription subscribeBatches(Consumer<List<StatusChange>> subscriber) {
        return subscribe(change -> subscriber.accept(List.of(change)));
    }

    /**
     * How current the feed is now (when it last caught up, whether changes are pushed), for
     * {@code /status} and metrics; empty for a feed that cannot tell. Cheap: no I/O.
     */
    default Optional<FeedState> state() {
        return Optional.empty();
    }

    /** Stops a subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
