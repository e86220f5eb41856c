package corp.example.ocsp.http.soak;

import corp.example.ocsp.testing.postgres.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the real PostgreSQL for a while and starts it again, at evenly spaced points of the load,
 * and remembers when it was down so that the checks can tell a steady revocation from one made
 * around an outage.
 */
final class Chaos {
    private static final Logger log = LoggerFactory.getLogger(Chaos.class);

    /** PostgreSQL was being stopped from {@code down} and answered again from {@code up}. */
    record Outage(Instant down, Instant up) {
        Duration length() {
            return Duration.between(down, up);
        }
    }

    private final PostgresServer server;
    private final List<Outage> outages = new ArrayList<>();
    private volatile Instant downSince;

    Chaos(PostgresServer server) {
        this.server = server;
    }

    /** What to do right before PostgreSQL is stopped. */
    interface BeforeStop {
        void run() throws InterruptedException;
    }

    /**
     * Runs {@code count} outages of {@code length} spread evenly over the load from {@code start} to
     * {@code end}: the k-th centred at start + k·(end − start)/(count + 1), each stop right after
     * {@code beforeStop}. Returns when the last is over; PostgreSQL is up again whatever happens.
     */
    void run(Instant start, Instant end, int count, Duration length, BeforeStop beforeStop)
            throws InterruptedException {
        Duration slot = Duration.between(start, end).dividedBy(count + 1);
        for (int k = 1; k <= count; k++) {
            Instant stopAt = start.plus(slot.multipliedBy(k)).minus(length.dividedBy(2));
            sleepUntil(stopAt);
            beforeStop.run();
            Instant down = Instant.now();
            downSince = down;
            try {
                log.info("soak: stopping PostgreSQL ({} of {})", k, count);
                server.stop();
                sleepUntil(down.plus(length));
            } finally {
                server.start();
                Instant up = Instant.now();
                synchronized (this) {
                    outages.add(new Outage(down, up));
                }
                downSince = null;
                log.info(
                        "soak: PostgreSQL is back after {} ms",
                        Duration.between(down, up).toMillis());
            }
        }
    }

    /** True while PostgreSQL is stopped or starting. */
    boolean down() {
        return downSince != null;
    }

    synchronized List<Outage> outages() {
        return List.copyOf(outages);
    }

    /**
     * True when {@code t} falls in a steady stretch: PostgreSQL had been up for at least {@code
     * upBefore} and was not stopped within {@code upAfter}. Outages still going on count from their
     * start with no end.
     */
    synchronized boolean steady(Instant t, Duration upBefore, Duration upAfter) {
        List<Outage> all = new ArrayList<>(outages);
        Optional.ofNullable(downSince).ifPresent(d -> all.add(new Outage(d, Instant.MAX)));
        for (Outage o : all) {
            boolean before = !t.isBefore(o.down.minus(upAfter));
            boolean after = t.isBefore(o.up.equals(Instant.MAX) ? Instant.MAX : o.up.plus(upBefore));
            if (before && after) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code t} fell inside an outage (stopping, stopped or starting). */
    synchronized boolean during(Instant t) {
        Instant d = downSince;
        if (d != null && !t.isBefore(d)) {
            return true;
        }
        return outages.stream().anyMatch(o -> !t.isBefore(o.down) && t.isBefore(o.up));
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
