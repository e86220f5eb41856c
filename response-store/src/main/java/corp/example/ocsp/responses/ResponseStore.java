package corp.example.ocsp.responses;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.StoredResponses;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.CompactResponse;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.SerialNumbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lmdbjava.Cursor;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One responder's signed responses in an LMDB file ({@code responses.mdb} in its directory), keyed
 * like the cache ({@link CacheKey}, all forms of a serial side by side), each entry compact
 * ({@link StoredEntry}) and completed on read with its signer's certificate block. Opening checks the
 * file ({@link StoreFile}): one that is corrupt, of another format or written for other CAs is
 * rebuilt, never served. Reads are concurrent and never wait for each other or for the writer;
 * writes are serialized by LMDB (one writer at a time) and not synced one by one
 * ({@link #watermark(long, String)} and {@link #close()} sync). Entries written by an earlier
 * process are served once the start-up fill confirmed them one by one, or all at once after
 * {@link #resume()}: when the watermark recorded last (the source's change position up to which
 * they are consistent) is for the same signers and forms, and the changes since it were removed. Once closed (which waits for the operations
 * under way) it answers nothing and keeps nothing, so a thread still at work during shutdown never
 * touches an unmapped file. Thread-safe.
 */
public final class ResponseStore implements StoredResponses {
    private static final Logger log = LoggerFactory.getLogger(ResponseStore.class);
    private static final int CHUNK = 10_000;

    private final StoreFile file;
    private final Env<byte[]> env;
    private final Dbi<byte[]> responses;
    private final long generation;
    /** Entries of this generation and later are served; earlier only after {@link #resume()}. */
    private volatile long trustedFrom;

    private final Map<String, Issuer> issuers = new LinkedHashMap<>();
    private final SignerBlocks blocks = new SignerBlocks();
    private volatile boolean fullLogged;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ConcurrentLinkedDeque<Txn<byte[]>> idleReaders = new ConcurrentLinkedDeque<>();
    private boolean closed;

    private ResponseStore(StoreFile file, Map<Issuer, ResponderSigner> signers) {
        this.file = file;
        this.env = file.env();
        this.responses = file.responses();
        this.generation = file.generation();
        this.trustedFrom = generation;
        signers.keySet().forEach(i -> issuers.put(i.id(), i));
        blocks.add(signers);
    }

    /**
     * The store in {@code directory} for the CAs of {@code signers}, signed by them, created if
     * absent and rebuilt (emptied) if it cannot be trusted; at most {@code mapBytes} on disk.
     */
    public static ResponseStore open(Path directory, Map<Issuer, ResponderSigner> signers, long mapBytes) {
        return new ResponseStore(StoreFile.open(directory, signers.keySet(), mapBytes), signers);
    }

    /** Why the file was emptied at open (corrupt, another format, other CAs), or empty if it was kept. */
    public Optional<String> rebuiltBecause() {
        return file.rebuiltBecause();
    }

    @Override
    public void signers(Map<Issuer, ResponderSigner> signers) {
        blocks.add(signers);
    }

    @Override
    public Optional<Hit> get(CacheKey key) {
        return guarded(
                Optional.empty(),
                () -> entry(key)
                        .filter(e -> e.generation() >= trustedFrom)
                        .flatMap(e -> blocks.block(key.issuer(), e.signerTag())
                                .map(b -> new Hit(
                                        e.answer(b.certs(), b.notAfter(), SerialNumbers.hex(key.serial())),
                                        e.status()))));
    }

    /** {@code op}'s result, or {@code ifClosed} once the store is closed: the file is never used after. */
    private <T> T guarded(T ifClosed, Supplier<T> op) {
        lock.readLock().lock();
        try {
            return closed ? ifClosed : op.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private Optional<StoredEntry> entry(CacheKey key) {
        byte[] value = reading(txn -> responses.get(txn, StoreKeys.of(key)));
        return value == null ? Optional.empty() : decoded(key, value);
    }

    /**
     * {@code op} in a read transaction taken from the idle ones (renewed: it sees the latest commit)
     * or begun if none is idle, and reset and put back after: a read costs no transaction set-up.
     * At most as many exist as reads ever ran at once, each holding one of LMDB's reader slots.
     */
    private <T> T reading(Function<Txn<byte[]>, T> op) {
        Txn<byte[]> txn = idleReaders.pollFirst();
        if (txn == null) {
            txn = env.txnRead();
        } else {
            txn.renew();
        }
        try {
            return op.apply(txn);
        } finally {
            txn.reset();
            idleReaders.addFirst(txn);
        }
    }

    private Optional<StoredEntry> decoded(CacheKey key, byte[] value) {
        Optional<StoredEntry> e = StoredEntry.decode(value);
        if (e.isEmpty()) {
            log.warn(
                    "response store {}: the entry of serial {} of {} is damaged; it is not served",
                    file.path(),
                    SerialNumbers.hex(key.serial()),
                    key.issuer().label());
        }
        return e;
    }

    @Override
    public List<Stored> forms(Issuer issuer, BigInteger serial) {
        return guarded(List.of(), () -> formsOf(issuer, serial));
    }

    private List<Stored> formsOf(Issuer issuer, BigInteger serial) {
        byte[] prefix = StoreKeys.prefix(issuer, serial);
        List<Stored> out = new ArrayList<>(2);
        reading(txn -> {
            eachForm(txn, prefix, (k, v) -> stored(k, v).ifPresent(out::add));
            return null;
        });
        return out;
    }

    private Optional<Stored> stored(byte[] keyBytes, byte[] value) {
        return StoreKeys.parse(keyBytes, issuers)
                .flatMap(key -> decoded(key, value)
                        .map(e -> new Stored(
                                key,
                                e.status(),
                                e.refreshAt(),
                                e.nextUpdate(),
                                e.signerTag() == blocks.current(key.issuer()),
                                e.generation() >= trustedFrom)));
    }

    @Override
    public boolean put(CacheKey key, OcspAnswer.Signed answer, CertStatus status) {
        return guarded(false, () -> write(key, answer, status));
    }

    @Override
    public void putAll(List<Write> writes) {
        if (!writes.isEmpty()) {
            guarded(false, () -> write(writes));
        }
    }

    private boolean write(CacheKey key, OcspAnswer.Signed answer, CertStatus status) {
        return write(List.of(new Write(key, answer, status)));
    }

    /** Writes every one of {@code writes} in one transaction; false (none written) when the store is full. */
    private boolean write(List<Write> writes) {
        List<byte[]> values = new ArrayList<>(writes.size());
        for (Write w : writes) {
            byte[] certs = CompactResponse.certs(w.answer().der());
            long tag = SignerBlocks.tag(certs);
            blocks.learn(w.key().issuer(), tag, certs, w.answer().signerExpiry());
            values.add(StoredEntry.of(w.answer(), w.status(), tag, generation).encode());
        }
        try (Txn<byte[]> txn = env.txnWrite()) {
            for (int i = 0; i < writes.size(); i++) {
                responses.put(txn, StoreKeys.of(writes.get(i).key()), values.get(i));
            }
            txn.commit();
            return true;
        } catch (Env.MapFullException full) {
            if (!fullLogged) {
                fullLogged = true;
                log.warn(
                        "response store {} is full ({} MiB); answers beyond it are kept in the heap tier only"
                                + " (raise cache.storeMegabytes)",
                        file.path(),
                        file.mapBytes() >> 20);
            }
            return false;
        }
    }

    @Override
    public void confirm(List<CacheKey> keys) {
        guarded(null, () -> {
            confirmAll(keys);
            return null;
        });
    }

    private void confirmAll(List<CacheKey> keys) {
        try (Txn<byte[]> txn = env.txnWrite()) {
            for (CacheKey key : keys) {
                byte[] k = StoreKeys.of(key);
                byte[] value = responses.get(txn, k);
                Optional<StoredEntry> e = value == null ? Optional.empty() : StoredEntry.decode(value);
                if (e.isPresent() && e.get().generation() < trustedFrom) {
                    responses.put(txn, k, e.get().confirmedBy(generation).encode());
                }
            }
            txn.commit();
        }
    }

    @Override
    public long sweep() {
        long removed = 0;
        Optional<CacheKey> at = Optional.empty();
        do {
            List<CacheKey> old = new ArrayList<>();
            at = scan(at, CHUNK, s -> {
                if (!s.confirmed()) {
                    old.add(s.key());
                }
            });
            removed += delete(old);
        } while (at.isPresent());
        return removed;
    }

    @Override
    public void remove(Issuer issuer, BigInteger serial) {
        removeAll(issuer, List.of(serial));
    }

    /**
     * Removes every form of each of {@code serials} in one write transaction (a feed's batch), with
     * one cursor over the serials in key order: each seek starts from the page the last one ended
     * on, and each form is deleted where the cursor stands. In-process at 1M certificates it is as
     * fast as a cursor per serial (the commit dominates); it is kept for needing no second pass.
     */
    @Override
    public void removeAll(Issuer issuer, Collection<BigInteger> serials) {
        if (serials.isEmpty()) {
            return;
        }
        List<byte[]> prefixes = new ArrayList<>(serials.size());
        for (BigInteger serial : serials) {
            prefixes.add(StoreKeys.prefix(issuer, serial));
        }
        prefixes.sort(Arrays::compareUnsigned); // LMDB's key order
        guarded(null, () -> {
            try (Txn<byte[]> txn = env.txnWrite()) {
                try (Cursor<byte[]> cursor = responses.openCursor(txn)) {
                    for (byte[] prefix : prefixes) {
                        boolean at = cursor.get(prefix, GetOp.MDB_SET_RANGE);
                        while (at && isForm(cursor.key(), prefix)) {
                            cursor.delete();
                            at = cursor.next(); // after a delete: the entry that followed it
                        }
                    }
                }
                txn.commit();
            }
            return null;
        });
    }

    /** True if {@code key} is the key of one form of the serial whose keys start with {@code prefix}. */
    private static boolean isForm(byte[] key, byte[] prefix) {
        return key.length == prefix.length + 2 && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Passes the key and value of each stored form under {@code prefix} (one serial's) to {@code action}. */
    private void eachForm(Txn<byte[]> txn, byte[] prefix, BiConsumer<byte[], byte[]> action) {
        try (CursorIterable<byte[]> it = responses.iterate(txn, KeyRange.atLeast(prefix))) {
            for (CursorIterable.KeyVal<byte[]> kv : it) {
                if (!isForm(kv.key(), prefix)) {
                    return;
                }
                action.accept(kv.key(), kv.val());
            }
        }
    }

    private int delete(List<CacheKey> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return guarded(0, () -> {
            try (Txn<byte[]> txn = env.txnWrite()) {
                for (CacheKey key : keys) {
                    responses.delete(txn, StoreKeys.of(key));
                }
                txn.commit();
            }
            return keys.size();
        });
    }

    @Override
    public Optional<CacheKey> scan(Optional<CacheKey> after, int limit, Consumer<Stored> action) {
        return guarded(Optional.empty(), () -> scanning(after, limit, action));
    }

    private Optional<CacheKey> scanning(Optional<CacheKey> after, int limit, Consumer<Stored> action) {
        KeyRange<byte[]> range =
                after.map(k -> KeyRange.greaterThan(StoreKeys.of(k))).orElse(KeyRange.all());
        Optional<CacheKey> last = Optional.empty();
        int n = 0;
        try (Txn<byte[]> txn = env.txnRead();
                CursorIterable<byte[]> it = responses.iterate(txn, range)) {
            for (CursorIterable.KeyVal<byte[]> kv : it) {
                if (n++ >= limit) {
                    return last;
                }
                Optional<CacheKey> key = StoreKeys.parse(kv.key(), issuers);
                if (key.isPresent()) {
                    last = key;
                    stored(kv.key(), kv.val()).ifPresent(action);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public long size() {
        return guarded(0L, () -> reading(txn -> responses.stat(txn).entries));
    }

    @Override
    public OptionalLong resumableFrom(String fingerprint) {
        return guarded(
                OptionalLong.empty(),
                () -> file.mark()
                        .filter(m -> m.fingerprint().equals(fingerprint) && m.trustedFrom() <= generation)
                        .map(m -> OptionalLong.of(m.position()))
                        .orElse(OptionalLong.empty()));
    }

    @Override
    public void resume() {
        guarded(null, () -> {
            file.mark().ifPresent(m -> trustedFrom = Math.min(trustedFrom, m.trustedFrom()));
            return null;
        });
    }

    @Override
    public void watermark(long position, String fingerprint) {
        guarded(null, () -> {
            file.mark(new StoreFile.Mark(position, trustedFrom, fingerprint));
            return null;
        });
    }

    @Override
    public void forgetWatermark() {
        guarded(null, () -> {
            file.forgetMark();
            return null;
        });
    }

    /** The change position recorded last, if any (for tests and the scale measurement). */
    public OptionalLong watermark() {
        return guarded(
                OptionalLong.empty(),
                () -> file.mark().map(m -> OptionalLong.of(m.position())).orElse(OptionalLong.empty()));
    }

    /** The store file's size on disk. */
    public long diskBytes() {
        try {
            return Files.size(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock(); // waits for every operation under way
        try {
            if (!closed) {
                closed = true;
                for (Txn<byte[]> idle; (idle = idleReaders.pollFirst()) != null; ) {
                    idle.renew(); // a reset transaction is freed by aborting it: renewed, close aborts it
                    idle.close();
                }
                file.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "response store " + file.path() + " (CAs "
                + issuers.values().stream().map(Issuer::label).toList() + ")";
    }
}
