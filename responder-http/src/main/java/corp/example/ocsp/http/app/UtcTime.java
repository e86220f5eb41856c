package corp.example.ocsp.http.app;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The logs' times, {@code 2026-12-02T01:05:03.123Z}: the formatted second kept until the next
 * second, the milliseconds appended by hand (the JDK's formatter builds a BigDecimal for every
 * fraction it prints, and the access log prints one per answer). Thread-safe.
 */
final class UtcTime {
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private record Second(long epochSecond, String text) {}

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private UtcTime() {}

    /** Appends {@code epochMillis} as ISO-8601 UTC with milliseconds. */
    static void appendTo(StringBuilder out, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        Second s = last;
        if (s.epochSecond() != epochSecond) {
            s = new Second(epochSecond, SECOND.format(Instant.ofEpochSecond(epochSecond)));
            last = s;
        }
        out.append(s.text()).append('.');
        if (millis < 100) {
            out.append('0');
        }
        if (millis < 10) {
            out.append('0');
        }
        out.append(millis).append('Z');
    }
}
