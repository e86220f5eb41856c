package corp.example.ocsp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void until_returnsOnceTheConditionHolds() throws Exception {
        AtomicInteger polls = new AtomicInteger();

        Duration took = Await.until(Duration.ofSeconds(10), "the third poll", () -> polls.incrementAndGet() >= 3);

        assertThat(polls).hasValue(3);
        assertThat(took).isPositive();
    }

    @Test
    void until_failsNamingWhatWasAwaited() {
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), "the impossible", () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessage("not within PT0.05S: the impossible");
    }

    @Test
    void untilValue_returnsTheFirstAcceptedValue() throws Exception {
        AtomicInteger polls = new AtomicInteger();

        int value = Await.until(Duration.ofSeconds(10), "a value over 4", polls::incrementAndGet, v -> v > 4);

        assertThat(value).isEqualTo(5);
    }

    @Test
    void untilValue_failsWithTheLastValue() {
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), "a non-empty answer", () -> "", s -> !s.isEmpty()))
                .isInstanceOf(AssertionError.class)
                .hasMessage("not within PT0.05S: a non-empty answer; the last value was ");
    }

    @Test
    void aThrowingCheck_failsTheWait() {
        assertThatThrownBy(() -> Await.until(Duration.ofSeconds(10), "a check that throws", () -> {
                    throw new IllegalStateException("broken");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("broken");
    }
}
