package corp.example.ocsp.http.server;

import io.netty.handler.codec.DateFormatter;
import java.time.Instant;
import java.util.Date;

/**
 * HTTP-date strings (RFC 9110 §5.6.7) rendered once and reused: a cached answer's Last-Modified and
 * Expires are the same few instants (producedAt on the second, nextUpdate on the minute) for many
 * requests, and the Date header changes once a second. Lock-free: each slot holds an immutable
 * pair, replaced whole.
 */
final class HttpDates {
    private static final int SLOTS = 1024;

    private record Rendered(long epochSecond, String text) {}

    private static final Rendered[] MEMO = new Rendered[SLOTS];

    private HttpDates() {}

    /** {@code instant}, to the second, as an HTTP-date. */
    static String format(Instant instant) {
        long second = instant.getEpochSecond();
        int slot = (int) (second ^ (second >>> 32)) & (SLOTS - 1);
        Rendered r = MEMO[slot];
        if (r != null && r.epochSecond == second) {
            return r.text;
        }
        String text = DateFormatter.format(new Date(second * 1000));
        MEMO[slot] = new Rendered(second, text);
        return text;
    }
}
