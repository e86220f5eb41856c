package corp.example.ocsp.core.cache;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@link ResponseCache}'s persistent tier, if it has one ({@link StoredResponses}), with what the
 * cache asks of it besides reads and writes: the due entries, found by scanning a slice of the store
 * per call from where the last call stopped (so a store of millions is swept over many refresh
 * periods, not read whole every time), and every key in chunks.
 */
final class StoreTier {
    /** Entries one {@link #due} call reads, per key it may return. */
    private static final int SCAN_PER_DUE = 20;

    private static final int CHUNK = 10_000;

    private final Optional<StoredResponses> store;
    private Optional<CacheKey> cursor = Optional.empty();

    StoreTier(Optional<StoredResponses> store) {
        this.store = store;
    }

    Optional<StoredResponses> store() {
        return store;
    }

    void signers(Map<Issuer, ResponderSigner> signers) {
        store.ifPresent(s -> s.signers(signers));
    }

    /**
     * Adds to {@code out}, up to {@code max} in all, the keys of confirmed entries whose refresh time
     * has come at {@code now} or that a key no longer current signed, from the next slice of the store.
     */
    synchronized void due(Instant now, int max, Collection<CacheKey> out) {
        if (store.isEmpty()) {
            return;
        }
        int budget = Math.max(1, max) * SCAN_PER_DUE;
        while (budget > 0 && out.size() < max) {
            int slice = Math.min(budget, CHUNK);
            budget -= slice;
            cursor = store.get().scan(cursor, slice, s -> {
                if (out.size() < max
                        && s.confirmed()
                        && (!s.currentSigner() || !s.refreshAt().isAfter(now))) {
                    out.add(s.key());
                }
            });
            if (cursor.isEmpty()) {
                return; // the end: the next call starts again from the first entry
            }
        }
    }

    /** Passes every stored key {@code filter} accepts to {@code action}, a chunk at a time (no transaction held meanwhile). */
    void forEachKey(Predicate<CacheKey> filter, Consumer<CacheKey> action) {
        if (store.isEmpty()) {
            return;
        }
        Optional<CacheKey> at = Optional.empty();
        do {
            List<CacheKey> chunk = new ArrayList<>();
            at = store.get().scan(at, CHUNK, s -> {
                if (filter.test(s.key())) {
                    chunk.add(s.key());
                }
            });
            chunk.forEach(action);
        } while (at.isPresent());
    }

    long size(long heapEntries) {
        return store.map(StoredResponses::size).orElse(heapEntries);
    }
}
