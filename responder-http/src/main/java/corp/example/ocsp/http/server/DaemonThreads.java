package corp.example.ocsp.http.server;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The server's own threads: daemons (they never keep the JVM alive) with names that say what they do. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Daemon threads called {@code name}, or {@code name-1}, {@code name-2}, ... when {@code numbered}. */
    public static ThreadFactory factory(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + "-" + n.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code task} on a new daemon thread called {@code name}. */
    public static void start(String name, Runnable task) {
        factory(name, false).newThread(task).start();
    }
}
