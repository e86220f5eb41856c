package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.StatusChange;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A feed subscriber that records what it receives, with the arrival time. */
final class Recorder implements Consumer<StatusChange> {
    record Received(StatusChange change, long nanos) {}

    private final List<Received> received = new ArrayList<>();

    @Override
    public synchronized void accept(StatusChange change) {
        received.add(new Received(change, System.nanoTime()));
        notifyAll();
    }

    /** The first change about {@code serial} matching {@code condition}, waiting up to {@code timeout}; null if none came. */
    synchronized Received await(BigInteger serial, Predicate<StatusChange> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Received r : received) {
                if (r.change().serial().equals(serial) && condition.test(r.change())) {
                    return r;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized List<StatusChange> changes() {
        return received.stream().map(Received::change).toList();
    }

    synchronized void clear() {
        received.clear();
    }
}
