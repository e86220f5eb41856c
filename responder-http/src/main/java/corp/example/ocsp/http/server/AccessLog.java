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

    private static void number(StringBuilder out, Object value) {
        if (value instanceof Integer i) {
            out.append(i.intValue());
        } else if (value instanceof Double d) {
            out.append(d.doubleValue()); // the digits of Double.toString, without the String
        } else {
            out.append(value);
        }
    }

    /** True when {@code message} and {@code args} are an access-log line's. */
    public static boolean isLine(String message, Object[] args) {
        return MESSAGE.equals(message) && args != null && args.length == FIELDS.size();
    }
}
