package corp.example.ocsp.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.testing.Await;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class OutageGateTest {
    private static final Logger LOG = LoggerFactory.getLogger(OutageGateTest.class);
    private final AtomicBoolean down = new AtomicBoolean(true);
    private final AtomicInteger tries = new AtomicInteger();
    /** The stand-in source: its check fails while {@code down}. */
    private final Reachability source = () -> {
        tries.incrementAndGet();
        if (down.get()) {
            throw new StatusUnavailableException("cannot reach the stand-in: connection refused");
        }
    };

    private final OutageGate gate = new OutageGate("test source", source);

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void openGate_letsEveryLookupThrough_andChecksNothing() {
        assertThatCode(() -> gate.enter("lookup 1")).doesNotThrowAnyException();
        assertThatCode(() -> gate.enter("lookup 2")).doesNotThrowAnyException();
        assertThat(tries).hasValue(0);
    }

    @Test
    void afterAFailure_lookupsFailAtOnce_namingTheSourceWhatAndWhy() {
        gate.enter("lookup 1");
        gate.failed("connection refused");

        assertThatThrownBy(() -> gate.enter("lookup of serial 0A"))
                .isInstanceOf(StatusUnavailableException.class)
                .hasMessage("test source unavailable: lookup of serial 0A: connection refused"
                        + " (checked again every 500 ms in the background)");
    }

    /**
     * The bug this pins (issue 16): a lookup let through every 500 ms to try the source again waited
     * the whole connection timeout, so misses spaced more than 500 ms apart each waited it.
     */
    @Test
    void whileTheSourceStaysDown_noLookupIsLetThrough_howeverLongAfterTheFailure() throws Exception {
        gate.failed("connection refused");

        Await.until(Duration.ofSeconds(30), "the background check has tried three times", () -> gate.checks() >= 3);
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> gate.enter("a miss long after the failure"))
                    .isInstanceOf(StatusUnavailableException.class)
                    .hasMessageContaining("cannot reach the stand-in: connection refused");
            LOG.info(
                    "a miss {} checks after the failure failed in {} µs",
                    gate.checks(),
                    (System.nanoTime() - t0) / 1000);
        }
        assertThat(gate.isClosed()).isTrue();
    }

    @Test
    void theBackgroundCheckReachingTheSource_opensTheGateForAll() throws Exception {
        gate.failed("connection refused");
        Await.until(Duration.ofSeconds(30), "a check has failed", () -> gate.checks() >= 1);

        down.set(false);
        Await.until(Duration.ofSeconds(30), "the check reaches the source", () -> !gate.isClosed());

        assertThatCode(() -> gate.enter("next")).doesNotThrowAnyException();
        assertThatCode(() -> gate.enter("and the one after")).doesNotThrowAnyException();
        int afterOpen = tries.get();
        gate.enter("one more");
        assertThat(tries).as("no check runs while open").hasValue(afterOpen);
    }

    @Test
    void anotherCallReachingTheSource_opensTheGate_andAFailureLaterClosesItAgain() {
        gate.failed("connection refused");
        gate.reached();
        assertThatCode(() -> gate.enter("next")).doesNotThrowAnyException();

        gate.failed("connection reset");
        assertThatThrownBy(() -> gate.enter("after the second failure")).hasMessageContaining("connection reset");
    }
}
