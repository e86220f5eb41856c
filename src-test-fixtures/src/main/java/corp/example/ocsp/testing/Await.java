package corp.example.ocsp.testing;

import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The tests' one way to wait for something that becomes true by itself (a change feed, a
 * background re-sign, a listener reconnecting): poll every 10 ms up to a limit. The limits are
 * generous (the machine running the suite may be loaded); where a test measures how long it took,
 * it logs the returned time and the tight bounds are held by the soak and benchmark scripts.
 *
 * <p>On a timeout the failure says what was awaited, and every thread's stack goes to the log
 * (ERROR), for a wait that hangs only once in a while.
 */
public final class Await {
    private static final long POLL_MILLIS = 10;

    private Await() {}

    /** A condition to poll; may throw, which fails the wait. */
    public interface Check {
        boolean ok() throws Exception;
    }

    /** A value to poll; may throw, which fails the wait. */
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code check} until it holds; returns how long it took. */
    public static Duration until(Duration limit, Check check) throws Exception {
        return until(limit, "the condition", check);
    }

    /**
     * Polls {@code check} until it holds; returns how long it took.
     *
     * @throws AssertionError {@code "not within <limit>: <what>"} when it does not hold in time
     */
    public static Duration until(Duration limit, String what, Check check) throws Exception {
        long start = System.nanoTime();
        while (!check.ok()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw timedOut(limit, what, "");
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Polls {@code probe} until its value is {@code accepted}, and returns that value.
     *
     * @throws AssertionError {@code "not within <limit>: <what>; the last value was <value>"}
     */
    public static <T> T until(Duration limit, String what, Probe<T> probe, Predicate<? super T> accepted)
            throws Exception {
        long start = System.nanoTime();
        T value = probe.get();
        while (!accepted.test(value)) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw timedOut(limit, what, "; the last value was " + value);
            }
            Thread.sleep(POLL_MILLIS);
            value = probe.get();
        }
        return value;
    }

    private static AssertionError timedOut(Duration limit, String what, String last) {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            dump.append('"')
                    .append(t.getName())
                    .append("\" ")
                    .append(t.getState())
                    .append('\n');
            for (StackTraceElement e : stack) {
                dump.append("    at ").append(e).append('\n');
            }
        });
        LoggerFactory.getLogger(Await.class).error("not within {}: {}; threads:\n{}", limit, what, dump);
        return new AssertionError("not within " + limit + ": " + what + last);
    }
}
