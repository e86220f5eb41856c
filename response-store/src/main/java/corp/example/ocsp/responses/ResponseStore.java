package corp.example.ocsp.responses;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.SerialNumbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One responder's signed responses in an LMDB file ({@code responses.mdb} in its directory), keyed
 * like the cache ({@link CacheKey}), each entry compact ({@link StoredEntry}) and completed on read
 * with its signer's certificate block. Opening checks the file ({@link StoreFile}): one that is
 * corrupt, of another format or written for other CAs is rebuilt, never served. Reads are
 * concurrent and never block each other; writes are serialized by LMDB (one writer at a time) and
 * not synced one by one ({@link #watermark(long)} syncs). Thread-safe.
 */
public final class ResponseStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResponseStore.class);

    private final StoreFile file;
    private final Env<byte[]> env;
    private final Dbi<byte[]> responses;
    private final Map<String, Issuer> issuers = new LinkedHashMap<>();
    private final SignerBlocks blocks = new SignerBlocks();
    private volatile boolean fullLogged;

    /** A stored entry as {@link #forEach} sees it: whose, what it says, and whether its signer is current. */
    public record Stored(
            CacheKey key, CertStatus status, Instant refreshAt, Instant nextUpdate, boolean currentSigner) {}

    private ResponseStore(StoreFile file, Map<Issuer, ResponderSigner> signers) {
        this.file = file;
        this.env = file.env();
        this.responses = file.responses();
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

    /** {@code signers} sign from now on (a rotation); entries of the signers they replace stay served. */
    public void signers(Map<Issuer, ResponderSigner> signers) {
        blocks.add(signers);
    }

    /**
     * The stored answer for {@code key}, whole, if there is one signed by a configured signer and
     * undamaged; past its nextUpdate too (the caller decides). Blocks while its pages are read
     * from disk.
     */
    public Optional<OcspAnswer.Signed> get(CacheKey key) {
        return entry(key)
                .flatMap(e -> blocks.block(key.issuer(), e.signerTag())
                        .map(b -> e.answer(b.certs(), b.notAfter(), SerialNumbers.hex(key.serial()))));
    }

    /** The status the stored answer for {@code key} says, if there is one signed by a configured signer. */
    public Optional<CertStatus> status(CacheKey key) {
        return entry(key)
                .filter(e -> blocks.block(key.issuer(), e.signerTag()).isPresent())
                .map(StoredEntry::status);
    }

    private Optional<StoredEntry> entry(CacheKey key) {
        byte[] value;
        try (Txn<byte[]> txn = env.txnRead()) {
            value = responses.get(txn, StoreKeys.of(key));
        }
        if (value == null) {
            return Optional.empty();
        }
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

    /**
     * Keeps cacheable {@code answer}, signed by {@code key}'s CA's current signer with {@code status};
     * false when the store is full ({@code mapBytes}), then the answer lives in the heap only.
     */
    public boolean put(CacheKey key, OcspAnswer.Signed answer, CertStatus status) {
        byte[] value =
                StoredEntry.of(answer, status, blocks.current(key.issuer())).encode();
        try (Txn<byte[]> txn = env.txnWrite()) {
            responses.put(txn, StoreKeys.of(key), value);
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

    /** Removes every stored answer of {@code serial} of {@code issuer} (all CertID hash forms). */
    public void remove(Issuer issuer, BigInteger serial) {
        try (Txn<byte[]> txn = env.txnWrite()) {
            for (HashAlgorithm a : HashAlgorithm.values()) {
                responses.delete(txn, StoreKeys.of(new CacheKey(issuer, serial, a, false)));
                responses.delete(txn, StoreKeys.of(new CacheKey(issuer, serial, a, true)));
            }
            txn.commit();
        }
    }

    /** Every stored entry, in key order, in one read transaction (a consistent view; writers go on). */
    public void forEach(Consumer<Stored> action) {
        try (Txn<byte[]> txn = env.txnRead();
                CursorIterable<byte[]> all = responses.iterate(txn)) {
            for (CursorIterable.KeyVal<byte[]> kv : all) {
                Optional<CacheKey> key = StoreKeys.parse(kv.key(), issuers);
                Optional<StoredEntry> e = StoredEntry.decode(kv.val());
                if (key.isPresent() && e.isPresent()) {
                    StoredEntry s = e.get();
                    boolean current =
                            blocks.block(key.get().issuer(), s.signerTag()).isPresent();
                    action.accept(new Stored(key.get(), s.status(), s.refreshAt(), s.nextUpdate(), current));
                }
            }
        }
    }

    /** How many entries the store holds. */
    public long size() {
        try (Txn<byte[]> txn = env.txnRead()) {
            return responses.stat(txn).entries;
        }
    }

    /** The status source's change position up to which every change is in the store, if one was recorded. */
    public OptionalLong watermark() {
        return file.watermark();
    }

    /** Records {@code position} after syncing every write so far to disk: a restart catches up from it. */
    public void watermark(long position) {
        env.sync(true);
        file.watermark(position);
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
        file.close();
    }

    @Override
    public String toString() {
        return "response store " + file.path() + " (CAs "
                + issuers.values().stream().map(Issuer::label).toList() + ", " + size() + " entries)";
    }
}
