package corp.example.ocsp.store.openssl;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when a file may have changed: a {@link WatchService} on its directory (which sees
 * {@code openssl ca}'s rename of {@code index.txt.new} onto {@code index.txt} at once) and, as a
 * fallback where the watch sees nothing (network file systems, some containers), a stat of the file
 * every {@code poll}: a different modification time, size or file key (inode) is a change, and a
 * missing file is reported every poll (it is missing for a moment while {@code openssl ca} renames). One
 * daemon thread; the callback runs on it.
 */
final class FileWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileWatch.class);

    private final Path file;
    private final Duration poll;
    private final BooleanSupplier changed;
    private boolean again;
    private final WatchService watcher;
    private final Thread thread;
    private volatile boolean closed;
    private Stat last;

    /**
     * Watches {@code file} from now; {@code changed} runs once per noticed change, and again at the
     * next poll for as long as it returns true (it could not judge the file yet).
     */
    FileWatch(Path file, Duration poll, BooleanSupplier changed) {
        this.file = file.toAbsolutePath();
        this.poll = poll;
        this.changed = changed;
        this.last = Stat.of(this.file);
        this.watcher = register(this.file.getParent());
        this.thread = DaemonThreads.unstarted("ocsp-index-watch " + this.file.getFileName(), this::run);
        thread.start();
    }

    private static WatchService register(Path dir) {
        try {
            WatchService w = FileSystems.getDefault().newWatchService();
            dir.register(
                    w,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return w;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn(
                    "cannot watch {} ({}): noticing changes of its files by a stat every poll only", dir, e.toString());
            return null;
        }
    }

    private void run() {
        while (!closed) {
            try {
                boolean event = awaitEvent();
                Stat now = Stat.of(file);
                if (event || again || !now.equals(last) || now.missing()) { // a missing file: asked each poll
                    last = now;
                    again = changed.getAsBoolean();
                }
            } catch (InterruptedException | ClosedWatchServiceException stop) {
                return;
            } catch (RuntimeException e) {
                LOG.error("watching {} failed once; watching on", file, e);
            }
        }
    }

    /** Waits up to one poll period; true if the watch named the file meanwhile. */
    private boolean awaitEvent() throws InterruptedException {
        if (watcher == null) {
            TimeUnit.NANOSECONDS.sleep(poll.toNanos());
            return false;
        }
        WatchKey key = watcher.poll(poll.toNanos(), TimeUnit.NANOSECONDS);
        boolean named = false;
        while (key != null) {
            for (WatchEvent<?> e : key.pollEvents()) {
                named |= e.kind() == StandardWatchEventKinds.OVERFLOW
                        || file.getFileName().equals(e.context());
            }
            key.reset();
            key = watcher.poll();
        }
        return named;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** What a stat says of the file; all null when it does not exist. */
    private record Stat(Object modified, long size, Object key) {
        static Stat of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stat(a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (NoSuchFileException e) {
                return new Stat(null, -1, null);
            } catch (IOException e) {
                return new Stat(e.toString(), -1, null);
            }
        }

        boolean missing() {
            return size < 0;
        }
    }
}
