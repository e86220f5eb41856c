package corp.example.ocsp.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} whose instant a test sets and advances. Thread-safe: the instant is held in an
 * {@link AtomicReference}, so readers on other threads see every update and concurrent
 * {@link #advance} calls are never lost.
 *
 * <p>The zone is UTC; {@link #withZone} returns a clock in another zone that shares the same
 * mutable instant, so advancing either moves both.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> instant;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    /** A clock that stands at {@code start} until set or advanced. */
    public static MutableClock at(Instant start) {
        Objects.requireNonNull(start, "start");
        return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    /** A clock that stands at the current time, truncated to whole seconds. */
    public static MutableClock now() {
        return at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public Instant instant() {
        return instant.get();
    }

    /** Moves the clock to {@code newInstant}, forwards or backwards. */
    public void set(Instant newInstant) {
        instant.set(Objects.requireNonNull(newInstant, "newInstant"));
    }

    /** Moves the clock by {@code amount}; a negative amount moves it back. */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        instant.updateAndGet(current -> current.plus(amount));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in {@code newZone} that shares this clock's mutable instant. */
    @Override
    public MutableClock withZone(ZoneId newZone) {
        return new MutableClock(instant, Objects.requireNonNull(newZone, "newZone"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant.get() + "," + zone + "]";
    }
}
