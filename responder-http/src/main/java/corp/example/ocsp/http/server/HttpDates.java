package corp.example.ocsp.http.server;

import io.netty.handler.codec.DateFormatter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * HTTP-date strings (RFC 9110 §5.6.7) rendered once and reused, with their ASCII bytes: a cached
 * answer's Last-Modified and Expires are the same few instants (producedAt on the second, nextUpdate
 * on the minute) for many requests, and the Date header changes once a second. Lock-free: each slot
 * holds an immutable {@link HttpDate}, replaced whole.
 */
final class HttpDates {
    private static final int SLOTS = 1024;

    /** One second as an HTTP-date: its text, and the same as ASCII bytes to write (never modified). */
    record HttpDate(long epochSecond, String text, byte[] ascii) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static final HttpDate[] MEMO = new HttpDate[SLOTS];

    private HttpDates() {}

    /** {@code instant}, to the second, as an HTTP-date. */
    static HttpDate of(Instant instant) {
        long second = instant.getEpochSecond();
        int slot = (int) (second ^ (second >>> 32)) & (SLOTS - 1);
        HttpDate r = MEMO[slot];
        if (r != null && r.epochSecond == second) {
            return r;
        }
        String text = DateFormatter.format(new Date(second * 1000));
        r = new HttpDate(second, text, text.getBytes(StandardCharsets.US_ASCII));
        MEMO[slot] = r;
        return r;
    }
}
