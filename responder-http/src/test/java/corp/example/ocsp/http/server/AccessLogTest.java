package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/** The access log's text line, formatted directly, is the line SLF4J makes of its pattern. */
class AccessLogTest {
    private static String direct(Object[] args) {
        StringBuilder out = new StringBuilder();
        AccessLog.appendText(out, args);
        return out.toString();
    }

    @Test
    void directFormatting_isSlf4jsLine_forEveryKindOfAnswer() {
        List<Object[]> lines = List.of(
                new Object[] {"127.0.0.1:50000", "POST", "0A1B", "good cached", 200, 1523, 0.25, "issuing"},
                new Object[] {"[::1]:4", "GET", "-", "404 no responder", 404, 0, 12.0, "-"},
                new Object[] {"10.0.0.1:1", "POST", "01,02", "tryLater", 200, 5, 1.0E-4, "r"},
                new Object[] {"10.0.0.1:1", "GET", "FF", "good", 200, 845, 2048.123456789, "r"});
        for (Object[] args : lines) {
            assertThat(direct(args))
                    .isEqualTo(MessageFormatter.arrayFormat(AccessLog.MESSAGE, args)
                            .getMessage());
        }
        assertThat(direct(lines.get(0)))
                .isEqualTo("127.0.0.1:50000 POST serial=0A1B answer=good cached status=200 bytes=1523 ms=0.25");
    }

    @Test
    void everyDurationToTheMicrosecond_isWrittenAsDoubleToStringWritesIt() {
        List<Long> micros = new java.util.ArrayList<>();
        for (long m = 0; m <= 200_000; m++) {
            micros.add(m);
        }
        for (long m = 1; m < 100_000_000_000L; m = m * 7 + 3) {
            micros.add(m);
        }
        for (long m : micros) {
            double ms = AccessLog.millis(m * 1_000);
            Object[] args = {"127.0.0.1:1", "GET", "01", "good cached", 200, 845, ms, "r"};
            assertThat(direct(args)).as("%d µs", m).endsWith(" ms=" + ms);
        }
        assertThat(AccessLog.millis(52_341)).isEqualTo(0.052);
        assertThat(AccessLog.millis(52_500)).isEqualTo(0.053);
    }

    @Test
    void isLine_onlyForTheAccessLogsPatternWithAllItsArguments() {
        assertThat(AccessLog.isLine(AccessLog.MESSAGE, new Object[8])).isTrue();
        assertThat(AccessLog.isLine(AccessLog.MESSAGE, new Object[7])).isFalse();
        assertThat(AccessLog.isLine("{} other", new Object[8])).isFalse();
        assertThat(AccessLog.isLine(AccessLog.MESSAGE, null)).isFalse();
    }
}
