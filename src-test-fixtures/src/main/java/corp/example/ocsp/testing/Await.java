package corp.example.ocsp.testing;

import java.time.Duration;

/** Polling for a condition that becomes true by itself (a change feed, a background re-sign). */
public final class Await {
    private Await() {
    }

    /** A condition to poll; may throw, which fails the wait. */
    public interface Check {
        boolean ok() throws Exception;
    }

    /** Polls {@code check} every 10 ms until it holds; returns how long it took. */
    public static Duration until(Duration limit, Check check) throws Exception {
        long start = System.nanoTime();
        while (!check.ok()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("not true within " + limit);
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
