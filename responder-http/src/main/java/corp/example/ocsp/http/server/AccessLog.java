package corp.example.ocsp.http.server;

import java.util.List;

/**
 * The access log's line (logger {@value #LOGGER}): one per answered request, its arguments in the
 * order of {@link #FIELDS}. The text form prints all but the responder; the JSON form (the access
 * log appender with {@code format json}) gives each its own field.
 */
public final class AccessLog {
    public static final String LOGGER = "ocsp.access";

    /** The text line; the last argument, the responder, is not printed. */
    public static final String MESSAGE = "{} {} serial={} answer={} status={} bytes={} ms={}";

    /** The names of the line's arguments, in order. */
    public static final List<String> FIELDS =
            List.of("client", "method", "serial", "outcome", "status", "bytes", "duration_ms", "responder");

    private AccessLog() {}

    /**
     * Appends the text line of {@code args} (in the order of {@link #FIELDS}) to {@code out}: what
     * SLF4J would make of {@link #MESSAGE}, without its parsing of the pattern and boxing of numbers
     * into strings (the access log's writer formats every answer's line).
     */
    public static void appendText(StringBuilder out, Object[] args) {
        out.append(args[0]).append(' ').append(args[1]);
        out.append(" serial=").append(args[2]);
        out.append(" answer=").append(args[3]);
        out.append(" status=");
        number(out, args[4]);
        out.append(" bytes=");
        number(out, args[5]);
        out.append(" ms=");
        number(out, args[6]);
    }

    /** {@code nanos} in milliseconds to the microsecond, as the line gives a duration ({@code ms=0.052}). */
    public static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    private static void number(StringBuilder out, Object value) {
        if (value instanceof Integer i) {
            out.append(i.intValue());
        } else if (value instanceof Double d) {
            appendMillis(out, d);
        } else {
            out.append(value);
        }
    }

    /**
     * What {@code Double.toString} writes for {@code ms}: for a duration of {@link #millis} (whole
     * microseconds, 0.001 to 10^7 ms, written without an exponent) its digits are made from the
     * integer count of microseconds, without the JDK's general double-to-decimal conversion that was
     * a fifth of the access log writer's time; any other value goes through it.
     */
    private static void appendMillis(StringBuilder out, double ms) {
        long micros = Math.round(ms * 1_000);
        if (micros < 1 || micros >= 10_000_000_000L || micros / 1_000.0 != ms) {
            out.append(ms);
            return;
        }
        out.append(micros / 1_000).append('.');
        int fraction = (int) (micros % 1_000);
        // up to three digits, without the trailing zeros ("0.5", "0.05", "0.005"), and "0" for none
        for (int scale = 100; scale > 0; scale /= 10) {
            out.append((char) ('0' + fraction / scale % 10));
            if (fraction % scale == 0) {
                return;
            }
        }
    }

    /** True when {@code message} and {@code args} are an access-log line's. */
    public static boolean isLine(String message, Object[] args) {
        return MESSAGE.equals(message) && args != null && args.length == FIELDS.size();
    }
}
