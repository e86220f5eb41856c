package corp.example.ocsp.core.cache;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A persistent store of signed responses behind the {@link ResponseCache}'s heap tier (the LMDB
 * {@code ResponseStore} of module response-store): every answer the cache keeps is written through
 * to it, and what the heap tier does not hold is read from it, off the event loop. Entries written
 * by an earlier process are served only once the start-up fill {@linkplain #confirm confirmed}
 * them against the status source, so a change made while the responder was down is never hidden;
 * what it does not confirm is {@linkplain #sweep swept} away. With a source that keeps a change log,
 * a restart instead removes the entries of the serials changed since the recorded {@linkplain
 * #watermark watermark} and {@linkplain #resume resumes} the rest at once. Reads may block on the disk.
 * Implementations are thread-safe.
 */
public interface StoredResponses extends AutoCloseable {

    /** A stored entry: whose, what it says, until when, and whether it may be served as it is. */
    record Stored(
            CacheKey key,
            CertStatus status,
            Instant refreshAt,
            Instant nextUpdate,
            boolean currentSigner,
            boolean confirmed) {}

    /** A stored answer and the status it says. */
    record Hit(OcspAnswer.Signed answer, CertStatus status) {}

    /** The answer for {@code key}, if there is one written or confirmed by this process and signed by a configured key. */
    Optional<Hit> get(CacheKey key);

    /** Every stored form (hash algorithm, parameters) of {@code serial}'s answer, confirmed or not. */
    List<Stored> forms(Issuer issuer, BigInteger serial);

    /** An answer to keep, for {@link #putAll}. */
    record Write(CacheKey key, OcspAnswer.Signed answer, CertStatus status) {}

    /** As {@link #put} for each of {@code writes}; a store writes them in one transaction. */
    default void putAll(List<Write> writes) {
        writes.forEach(w -> put(w.key(), w.answer(), w.status()));
    }

    /** Keeps {@code answer}, signed with {@code status}; false when the store is full (then it is in the heap only). */
    boolean put(CacheKey key, OcspAnswer.Signed answer, CertStatus status);

    /** Marks the entries of {@code keys} as checked against the source by this process: they are served. */
    void confirm(List<CacheKey> keys);

    /** Removes the entries not written or confirmed by this process; returns how many. */
    long sweep();

    /** Removes every stored form of {@code serial}'s answer. */
    void remove(Issuer issuer, BigInteger serial);

    /** As {@link #remove} for each of {@code serials}; a store removes them in one transaction. */
    default void removeAll(Issuer issuer, Collection<BigInteger> serials) {
        serials.forEach(s -> remove(issuer, s));
    }

    /**
     * Passes up to {@code limit} entries after {@code after} (from the first when empty), in key order,
     * to {@code action}; returns the last key passed, or empty at the end.
     */
    Optional<CacheKey> scan(Optional<CacheKey> after, int limit, Consumer<Stored> action);

    /**
     * The change position of the source's {@link corp.example.ocsp.core.status.ChangeLog} up to
     * which the entries of earlier processes are consistent, if one was recorded for {@code
     * fingerprint} (the signers and the forms signed ahead; recorded for others, the entries must be
     * checked one by one); empty otherwise.
     */
    OptionalLong resumableFrom(String fingerprint);

    /**
     * Serves the entries of earlier processes that the recorded watermark covers, without
     * confirming them one by one: for after the entries of every serial changed since it were
     * removed.
     */
    void resume();

    /**
     * Records that the entries served reflect every change of the source before {@code position},
     * for {@code fingerprint}; syncs every write first. Only once a fill confirmed every entry
     * served, or after {@link #resume()}.
     */
    void watermark(long position, String fingerprint);

    /** Forgets the recorded watermark durably: a restart before the next one checks every entry. */
    void forgetWatermark();

    /** How many entries the store holds. */
    long size();

    /** {@code signers} sign from now on; entries of the ones they replace stay served until re-signed. */
    void signers(Map<Issuer, ResponderSigner> signers);

    @Override
    void close();
}
