package corp.example.ocsp.store.openssl;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.store.openssl.indextxt.IndexEntry;
import corp.example.ocsp.store.openssl.indextxt.IndexTxtException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CA's live OpenSSL {@code index.txt} as its status source: read whole at {@link #open}, and
 * again whenever it changes ({@link FileWatch}: a directory watch plus a stat every {@link #POLL}).
 * A new state is swapped in only when the whole file parsed; then the serials whose status changed
 * (and only those) go to the {@link StatusFeed}, so the cache re-signs just them. A file that does
 * not parse (a bad line, a serial twice, a write cut short) or cannot be read keeps the last good
 * state in force: logged once with the file and line, and reported by {@link #degraded()} until a
 * good file is read. V and E lines are good, R lines revoked as written; serials not in the file,
 * and every serial of another CA, are not known.
 */
public final class IndexFileSource implements StatusSource, Reachability, StatusFeed, StatusInventory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexFileSource.class);
    /** How often the file is stat'ed besides the directory watch. */
    public static final Duration POLL = Duration.ofMillis(250);
    /** How long a file that lost entries must stay so before it is believed. */
    static final Duration SETTLE = Duration.ofMillis(500);

    private final Issuer issuer;
    private final Path file;
    private final List<Consumer<List<StatusChange>>> subscribers = new CopyOnWriteArrayList<>();
    private volatile IndexState state = IndexState.EMPTY;
    private volatile Instant readAt = Instant.EPOCH;
    private volatile String problem = "";
    private long missingSince; // nanoTime when the file was first found missing, 0 while it is there
    private FileWatch watch;

    private IndexFileSource(Issuer issuer, Path file) {
        this.issuer = issuer;
        this.file = file;
    }

    /**
     * Reads {@code file} for {@code issuer} and follows it from then on.
     *
     * @throws IndexTxtException when it cannot be read or does not parse, naming the file and line
     */
    public static IndexFileSource open(Issuer issuer, Path file) {
        IndexFileSource s = new IndexFileSource(issuer, file);
        s.state = IndexState.parse(s.read(), file.toString());
        s.readAt = Instant.now();
        LOG.info("CA {}: {} read, {} certificates", issuer.label(), file, s.state.size());
        s.watch = new FileWatch(file, POLL, s::reload);
        return s;
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IndexTxtException(file + ": no such file");
        } catch (IOException e) {
            throw new IndexTxtException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the file again; swaps its state in if it parsed whole, else keeps the last good one.
     * Returns true when it should be asked again shortly: the file changed while it was read, or it
     * lost entries less than {@link #SETTLE} ago (a write in place passes through an empty or shorter
     * file; {@code openssl ca} never removes lines).
     */
    synchronized boolean reload() {
        IndexState next;
        try {
            if (Files.exists(file)) {
                missingSince = 0;
            } else if (missingFor() < POLL.toNanos()) {
                return true; // openssl ca renames index.txt away and index.txt.new onto it: a moment without one
            }
            Stat before = Stat.of(file);
            byte[] content = read();
            if (!before.equals(Stat.of(file))) {
                return true; // written while read: judged once the writer is done
            }
            next = IndexState.parse(content, file.toString());
            if (state.losesEntriesTo(next) && before.youngerThan(SETTLE)) {
                return true;
            }
        } catch (IndexTxtException e) {
            String why = e.getMessage() + "; answering from the state read at " + readAt;
            if (!why.equals(problem)) {
                LOG.warn("CA {}: {}", issuer.label(), why);
            }
            problem = why;
            return false;
        }
        swapIn(next);
        return false;
    }

    private void swapIn(IndexState next) {
        List<Map.Entry<BigInteger, CertStatus>> changes = state.changesTo(next);
        state = next;
        readAt = Instant.now();
        if (!problem.isEmpty()) {
            LOG.info("CA {}: {} parses again: its current state is in force", issuer.label(), file);
            problem = "";
        }
        LOG.info(
                "CA {}: {} read again, {} certificates, {} changed", issuer.label(), file, next.size(), changes.size());
        if (!changes.isEmpty()) {
            List<StatusChange> batch = changes.stream()
                    .map(c -> new StatusChange(issuer, c.getKey(), c.getValue()))
                    .toList();
            subscribers.forEach(s -> s.accept(batch));
        }
    }

    /** What a stat says of the file, to tell whether it changed while it was read. */
    private record Stat(Object modified, long size, Object key) {
        static Stat of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stat(a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (IOException e) {
                return new Stat(null, -1, null);
            }
        }

        boolean youngerThan(Duration d) {
            return modified instanceof FileTime t
                    && t.toInstant().isAfter(Instant.now().minus(d));
        }
    }

    /** How long the file has been missing (0 when it was just found missing). */
    private long missingFor() {
        long now = System.nanoTime();
        if (missingSince == 0) {
            missingSince = now;
        }
        return now - missingSince;
    }

    @Override
    public CertStatus lookup(Issuer asked, BigInteger serial) {
        IndexEntry e = asked.equals(issuer) ? state.entry(serial) : null;
        return e == null ? CertStatus.notKnown() : e.status();
    }

    /** Always answers: the state in force is in memory (see {@link #degraded()} for a file that stopped parsing). */
    @Override
    public void check() {}

    /** Why the file's current content is not what is answered from, while it is not. */
    @Override
    public Optional<String> degraded() {
        String p = problem;
        return p.isEmpty() ? Optional.empty() : Optional.of("CA " + issuer.label() + ": " + p);
    }

    @Override
    public void forEachKnown(Consumer<KnownCertificate> action) {
        for (IndexEntry e : state.entries()) {
            action.accept(new KnownCertificate(issuer, e.serial(), e.status(), Optional.of(e.expires())));
        }
    }

    @Override
    public Subscription subscribe(Consumer<StatusChange> subscriber) {
        return subscribeBatches(batch -> batch.forEach(subscriber));
    }

    /** As {@link #subscribe}, every change of one new version together. */
    @Override
    public Subscription subscribeBatches(Consumer<List<StatusChange>> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** The entry in force for {@code serial}, if any. */
    public Optional<IndexEntry> entry(BigInteger serial) {
        return Optional.ofNullable(state.entry(serial));
    }

    /** The file followed, for messages. */
    public Path file() {
        return file;
    }

    /** The CA whose statuses these are. */
    public Issuer issuer() {
        return issuer;
    }

    /** How many certificates the state in force holds. */
    public int size() {
        return state.size();
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }

    @Override
    public String toString() {
        return "index.txt " + file + " of CA " + issuer.label();
    }
}
