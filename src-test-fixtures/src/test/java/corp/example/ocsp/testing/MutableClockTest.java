package corp.example.ocsp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void at_standsStillAtTheGivenInstantInUtc() {
        MutableClock clock = MutableClock.at(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void now_isCurrentTimeTruncatedToSeconds() {
        Instant before = Instant.now().minusSeconds(1);
        MutableClock clock = MutableClock.now();

        assertThat(clock.instant().getNano()).isZero();
        assertThat(clock.instant()).isBetween(before, Instant.now());
    }

    @Test
    void advance_movesForwardAndNegativeAmountsMoveBack() {
        MutableClock clock = MutableClock.at(START);

        clock.advance(Duration.ofHours(8));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(8)));

        clock.advance(Duration.ofMinutes(-30));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(450)));
    }

    @Test
    void set_replacesTheInstant() {
        MutableClock clock = MutableClock.at(START);
        Instant later = START.plusSeconds(86_400 * 10);

        clock.set(later);

        assertThat(clock.instant()).isEqualTo(later);
    }

    @Test
    void withZone_sharesTheMutableInstantBothWays() {
        MutableClock utc = MutableClock.at(START);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        MutableClock zoned = utc.withZone(berlin);

        utc.advance(Duration.ofSeconds(5));
        assertThat(zoned.instant()).isEqualTo(START.plusSeconds(5));
        zoned.set(START);
        assertThat(utc.instant()).isEqualTo(START);

        assertThat(zoned.getZone()).isEqualTo(berlin);
        assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advance_fromManyThreadsLosesNoUpdate() throws InterruptedException {
        MutableClock clock = MutableClock.at(START);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(clock.instant()).isEqualTo(START.plusMillis(80_000));
    }
}
