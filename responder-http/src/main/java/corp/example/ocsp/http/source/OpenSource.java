package corp.example.ocsp.http.source;

import corp.example.ocsp.core.status.ChangeLog;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import java.util.Optional;

/**
 * A running status source, as the server uses it: each part through its core SPI interface. Closed
 * after the responders stop using it.
 */
public interface OpenSource extends AutoCloseable {

    /** Lookups, for cache misses and nonced requests (the server times them for metrics). */
    StatusSource statuses();

    /** The cheap check behind {@code /readyz}. */
    Reachability reachability();

    /**
     * The change feed and inventory that keep a precomputed cache in step with the source; empty
     * for a source that has only a freshness bound.
     */
    Optional<Changes> changes();

    /**
     * For a source without {@link #changes()}: how long a cached answer may be served before its
     * status is read again (a CFSSL certdb: 500 ms by default). Empty for a source with a change feed;
     * a source with neither cannot run with the cache on.
     */
    default Optional<Freshness> freshness() {
        return Optional.empty();
    }

    /**
     * Whether a serial this source does not know was never issued, as far as it can tell. False for
     * a CA's CRL (it lists only what was revoked): beside a shared source (the store), a serial not
     * on the CRL is then answered from what the shared source holds of it (good if it was issued).
     */
    default boolean knowsIssuance() {
        return true;
    }

    /** The admin view of this same source (the demo registers its PKI through it before binding). */
    SourceAdmin admin();

    @Override
    void close();

    /**
     * Where changes come from ({@code feed}), what to sign ahead ({@code inventory}) and, for a
     * source that can read its changes again from a position ({@code log}), how a response store
     * catches up after a restart without reading the whole inventory.
     */
    record Changes(StatusFeed feed, StatusInventory inventory, Optional<ChangeLog> log) {
        /** Changes without a change log: a restart with a response store reads the whole inventory. */
        public Changes(StatusFeed feed, StatusInventory inventory) {
            this(feed, inventory, Optional.empty());
        }
    }
}
