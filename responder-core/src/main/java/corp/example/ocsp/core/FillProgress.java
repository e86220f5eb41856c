package corp.example.ocsp.core;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a responder's start-up fill ({@link CacheMaintainer#precompute}) has come: certificates
 * read from the inventory (of every CA, in the inventory's order), of how many if the inventory
 * says, how many of its own were signed and how many kept from the store; the rate and the time
 * left follow. Read by the progress log and the metrics while the fill runs. Thread-safe.
 */
public final class FillProgress {
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong signed = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private volatile long total = -1;
    private volatile long startNanos = System.nanoTime();
    private volatile long endNanos = -1;

    void start(OptionalLong total) {
        read.set(0);
        signed.set(0);
        kept.set(0);
        this.total = total.orElse(-1);
        startNanos = System.nanoTime();
        endNanos = -1;
    }

    void read() {
        read.incrementAndGet();
    }

    void signed() {
        signed.incrementAndGet();
    }

    void kept() {
        kept.incrementAndGet();
    }

    void finish() {
        endNanos = System.nanoTime();
    }

    /** Certificates read from the inventory so far (every CA's). */
    public long certificates() {
        return read.get();
    }

    /** How many the inventory holds, if it said. */
    public OptionalLong total() {
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }

    /** Certificates whose responses were signed. */
    public long signedCount() {
        return signed.get();
    }

    /** Certificates whose stored responses were kept without signing. */
    public long keptCount() {
        return kept.get();
    }

    /** True once the fill is done. */
    public boolean finished() {
        return endNanos >= 0;
    }

    /** Certificates read per second since the fill started (until it finished). */
    public double ratePerSecond() {
        long end = endNanos >= 0 ? endNanos : System.nanoTime();
        double seconds = Math.max(1e-3, (end - startNanos) / 1e9);
        return read.get() / seconds;
    }

    /** The time left at the current rate, when the total is known and the fill is under way. */
    public Optional<Duration> remaining() {
        double rate = ratePerSecond();
        if (finished()) {
            return Optional.of(Duration.ZERO);
        }
        if (total < 0 || rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds((long) Math.ceil(Math.max(0, total - read.get()) / rate)));
    }
}
