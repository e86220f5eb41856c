package corp.example.ocsp.responses;

import corp.example.ocsp.core.issuer.Issuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LMDB file of a {@link ResponseStore} and its meta record: the store's format version and the
 * CAs it was written for. At open, a file that LMDB cannot open, that is shorter than its own last
 * page, whose meta record is missing or of another format, or that was written for other CAs, is
 * deleted and created anew ({@link #rebuiltBecause()}).
 */
final class StoreFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreFile.class);
    static final String FILE = "responses.mdb";
    /** The format of the file and of its entries; a file of another is rebuilt. */
    static final int FORMAT = StoredEntry.FORMAT;

    private static final byte[] FORMAT_KEY = bytes("format");
    private static final byte[] ISSUERS_KEY = bytes("issuers");
    private static final byte[] WATERMARK_KEY = bytes("watermark");
    private static final byte[] GENERATION_KEY = bytes("generation");

    private final Path path;
    private final long mapBytes;
    private final Env<byte[]> env;
    private final Dbi<byte[]> meta;
    private final Dbi<byte[]> responses;
    private final Optional<String> rebuiltBecause;
    private final long generation;

    /** Opens the file's databases and starts a new generation: entries of earlier ones are not confirmed. */
    private StoreFile(Path path, long mapBytes, Env<byte[]> env, Optional<String> rebuiltBecause) {
        this.path = path;
        this.mapBytes = mapBytes;
        this.env = env;
        this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
        this.responses = env.openDbi("responses", DbiFlags.MDB_CREATE);
        this.rebuiltBecause = rebuiltBecause;
        try (Txn<byte[]> txn = env.txnWrite()) {
            byte[] last = meta.get(txn, GENERATION_KEY);
            this.generation = (last == null || last.length != 8
                            ? 0
                            : ByteBuffer.wrap(last).getLong())
                    + 1;
            meta.put(
                    txn,
                    GENERATION_KEY,
                    ByteBuffer.allocate(8).putLong(generation).array());
            txn.commit();
        }
    }

    /** This process's generation of the file: entries it writes or confirms carry it. */
    long generation() {
        return generation;
    }

    static StoreFile open(Path directory, Collection<Issuer> issuers, long mapBytes) {
        Path path = directory.resolve(FILE);
        byte[] written = issuersRecord(issuers);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the response store directory " + directory, e);
        }
        Optional<String> why;
        if (Files.exists(path)) {
            why = distrust(path, mapBytes, written);
            if (why.isEmpty()) {
                return new StoreFile(path, mapBytes, env(path, mapBytes), Optional.empty());
            }
            log.warn("response store {}: {}; rebuilding it (its responses are signed again)", path, why.get());
            delete(path);
        } else {
            why = Optional.empty();
        }
        StoreFile fresh = new StoreFile(path, mapBytes, env(path, mapBytes), why);
        try (Txn<byte[]> txn = fresh.env.txnWrite()) {
            fresh.meta.put(
                    txn, FORMAT_KEY, ByteBuffer.allocate(4).putInt(FORMAT).array());
            fresh.meta.put(txn, ISSUERS_KEY, written);
            txn.commit();
        }
        fresh.env.sync(true);
        return fresh;
    }

    /** Why the file at {@code path} must not be served, or empty if it can. */
    private static Optional<String> distrust(Path path, long mapBytes, byte[] issuers) {
        try (Env<byte[]> env = env(path, mapBytes)) {
            EnvInfo info = env.info();
            long pageSize = env.stat().pageSize;
            if (Files.size(path) < (info.lastPageNumber + 1) * pageSize) {
                return Optional.of("the file is shorter than its last page (truncated)");
            }
            Dbi<byte[]> meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
            env.openDbi("responses", DbiFlags.MDB_CREATE);
            try (Txn<byte[]> txn = env.txnRead()) {
                byte[] format = meta.get(txn, FORMAT_KEY);
                if (format == null || format.length != 4) {
                    return Optional.of("it has no format record");
                }
                int version = ByteBuffer.wrap(format).getInt();
                if (version != FORMAT) {
                    return Optional.of("it is of format " + version + ", not " + FORMAT);
                }
                byte[] written = meta.get(txn, ISSUERS_KEY);
                if (written == null || !java.util.Arrays.equals(written, issuers)) {
                    return Optional.of("it was written for other CAs ("
                            + (written == null ? "none recorded" : new String(written, StandardCharsets.UTF_8))
                            + ")");
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("it cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Env<byte[]> env(Path path, long mapBytes) {
        return Env.create(ByteArrayProxy.PROXY_BA)
                .setMapSize(mapBytes)
                .setMaxDbs(2)
                .setMaxReaders(1024)
                .open(path.toFile(), EnvFlags.MDB_NOSUBDIR, EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(path.resolveSibling(FILE + "-lock"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the response store " + path, e);
        }
    }

    /** The ids and labels of {@code issuers}, sorted: what the meta record says the file is for. */
    private static byte[] issuersRecord(Collection<Issuer> issuers) {
        return bytes(String.join(
                ",",
                issuers.stream().map(i -> i.id() + " " + i.label()).sorted().toList()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Env<byte[]> env() {
        return env;
    }

    Dbi<byte[]> responses() {
        return responses;
    }

    Path path() {
        return path;
    }

    long mapBytes() {
        return mapBytes;
    }

    Optional<String> rebuiltBecause() {
        return rebuiltBecause;
    }

    /**
     * The watermark recorded last: the source's change position up to which the entries of
     * generations from {@code trustedFrom} on are consistent, for the signers and forms of
     * {@code fingerprint}.
     */
    record Mark(long position, long trustedFrom, String fingerprint) {}

    Optional<Mark> mark() {
        try (Txn<byte[]> txn = env.txnRead()) {
            byte[] w = meta.get(txn, WATERMARK_KEY);
            if (w == null || w.length < 16) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(w);
            long position = b.getLong();
            long trustedFrom = b.getLong();
            return Optional.of(
                    new Mark(position, trustedFrom, new String(w, 16, w.length - 16, StandardCharsets.UTF_8)));
        }
    }

    /** Records {@code mark} after syncing every write so far to disk, so the mark never runs ahead of the entries. */
    void mark(Mark mark) {
        env.sync(true);
        byte[] fp = bytes(mark.fingerprint());
        try (Txn<byte[]> txn = env.txnWrite()) {
            meta.put(
                    txn,
                    WATERMARK_KEY,
                    ByteBuffer.allocate(16 + fp.length)
                            .putLong(mark.position())
                            .putLong(mark.trustedFrom())
                            .put(fp)
                            .array());
            txn.commit();
        }
        env.sync(true);
    }

    /** Forgets the mark (durably): until the next one, a restart checks every entry. */
    void forgetMark() {
        try (Txn<byte[]> txn = env.txnWrite()) {
            meta.delete(txn, WATERMARK_KEY);
            txn.commit();
        }
        env.sync(true);
    }

    @Override
    public void close() {
        env.sync(true);
        env.close();
    }
}
