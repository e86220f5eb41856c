package corp.example.ocsp.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place the project's own threads are made: daemons (they never keep the JVM alive; the
 * server's lifecycle stops them) with names that say what they do, as thread dumps and log lines
 * show them.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Daemon threads called {@code name}, or {@code name-1}, {@code name-2}, ... when {@code numbered}. */
    public static ThreadFactory factory(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> unstarted(numbered ? name + "-" + n.incrementAndGet() : name, r);
    }

    /**
     * A daemon thread called {@code name} that will run {@code task}, not yet started: for a thread
     * whose owner starts and joins it itself, or a shutdown hook (which the JVM starts).
     */
    public static Thread unstarted(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs {@code task} on a new daemon thread called {@code name}. */
    public static void start(String name, Runnable task) {
        unstarted(name, task).start();
    }
}
