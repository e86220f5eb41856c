package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class UtcTimeTest {
    private static final DateTimeFormatter JDK =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static String utc(long millis) {
        StringBuilder out = new StringBuilder();
        UtcTime.appendTo(out, millis);
        return out.toString();
    }

    @Test
    void everyMillisecond_isWhatTheJdksFormatterPrints_acrossSecondsAndBackInTime() {
        long[] starts = {1_795_000_000_000L, 1_795_000_000_998L, 0L, -1_500L, 253_402_300_799_000L};
        for (long start : starts) {
            for (long t = start; t < start + 2_100; t += 7) {
                assertThat(utc(t)).isEqualTo(JDK.format(Instant.ofEpochMilli(t)));
            }
        }
        assertThat(utc(1_795_000_000_005L)).isEqualTo("2026-11-18T11:06:40.005Z");
    }
}
