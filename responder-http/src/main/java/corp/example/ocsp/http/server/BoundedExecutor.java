package corp.example.ocsp.http.server;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor for blocking work (store lookups, signing): a fixed number of threads and a bounded
 * queue; past it, {@code execute} throws RejectedExecutionException so callers answer tryLater.
 */
public final class BoundedExecutor {
    private BoundedExecutor() {}

    public static ThreadPoolExecutor create(String name, int threads, int queue) {
        return new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue),
                DaemonThreads.factory(name, true),
                new ThreadPoolExecutor.AbortPolicy());
    }
}
