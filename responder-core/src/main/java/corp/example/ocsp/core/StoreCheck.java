package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.StoredResponses;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.status.KnownCertificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The start-up fill's check of a persistent store against the status source: a stored answer that
 * says what the source says, was signed by the current key and is not yet due for refresh is
 * confirmed (served from now on, not signed again); the others are left unconfirmed, and
 * {@link #finish} sweeps them away with those of certificates the source no longer lists.
 * Confirmations are written in batches. For the fill's one thread.
 */
final class StoreCheck {
    private static final int BATCH = 10_000;

    private final StoredResponses store;
    private final Clock clock;
    private final List<CacheKey> confirmed = new ArrayList<>();
    private long kept;

    /** The store held nothing when the fill began (a first start, a rebuilt file): nothing to look up. */
    private final boolean empty;

    StoreCheck(StoredResponses store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.empty = store.size() == 0;
    }

    /** Confirms what still holds of {@code c}'s stored answers; returns the hash algorithms answered so (NULL parameters). */
    Set<HashAlgorithm> keep(KnownCertificate c) {
        if (empty) {
            return Set.of();
        }
        Set<HashAlgorithm> covered = EnumSet.noneOf(HashAlgorithm.class);
        Instant now = clock.instant();
        for (StoredResponses.Stored s : store.forms(c.issuer(), c.serial())) {
            if (s.confirmed()) { // written by this process (a change meanwhile): already current
                if (!s.key().parametersAbsent()) {
                    covered.add(s.key().algorithm());
                }
            } else if (s.status().equals(c.status())
                    && s.currentSigner()
                    && s.refreshAt().isAfter(now)
                    && s.nextUpdate().isAfter(now)) {
                confirmed.add(s.key());
                if (!s.key().parametersAbsent()) {
                    covered.add(s.key().algorithm());
                }
                kept++;
                if (confirmed.size() >= BATCH) {
                    flush();
                }
            }
        }
        return covered;
    }

    private void flush() {
        store.confirm(List.copyOf(confirmed));
        confirmed.clear();
    }

    /** Writes the last confirmations and removes every stored answer not confirmed; returns how many went. */
    long finish() {
        flush();
        return store.sweep();
    }

    /** Stored answers confirmed without signing. */
    long kept() {
        return kept;
    }
}
