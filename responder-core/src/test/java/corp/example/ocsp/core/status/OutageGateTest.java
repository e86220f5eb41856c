package corp.example.ocsp.core.status;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageGateTest {
    private final OutageGate gate = new OutageGate("test source");

    @Test
    void openGate_letsEveryLookupThrough() {
        assertThatCode(() -> gate.enter("lookup 1")).doesNotThrowAnyException();
        assertThatCode(() -> gate.enter("lookup 2")).doesNotThrowAnyException();
    }

    @Test
    void afterAFailure_lookupsFailAtOnce_namingTheSourceWhatAndWhy() {
        gate.enter("lookup 1");
        gate.failed("connection refused");

        assertThatThrownBy(() -> gate.enter("lookup of serial 0A"))
                .isInstanceOf(StatusUnavailableException.class)
                .hasMessage("test source unavailable: lookup of serial 0A: connection refused"
                        + " (retried every 500 ms by one lookup)");
    }

    @Test
    void afterTheRetryWait_oneLookupTriesAgain_andTheOthersStillFail() throws Exception {
        gate.failed("connection refused");

        Await.until(Duration.ofSeconds(10), "one lookup let through to try again", () -> {
            try {
                gate.enter("the retry");
                return true;
            } catch (StatusUnavailableException stillClosed) {
                return false;
            }
        });
        assertThatThrownBy(() -> gate.enter("another lookup while the retry runs"))
                .isInstanceOf(StatusUnavailableException.class);
    }

    @Test
    void aLookupThatReachesTheSource_opensTheGateForAll() throws Exception {
        gate.failed("connection refused");
        Await.until(Duration.ofSeconds(10), "the retry let through", () -> {
            try {
                gate.enter("the retry");
                return true;
            } catch (StatusUnavailableException stillClosed) {
                return false;
            }
        });

        gate.reached();

        assertThatCode(() -> gate.enter("next")).doesNotThrowAnyException();
        assertThatCode(() -> gate.enter("and the one after")).doesNotThrowAnyException();
    }
}
