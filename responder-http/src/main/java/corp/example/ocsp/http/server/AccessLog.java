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
}
