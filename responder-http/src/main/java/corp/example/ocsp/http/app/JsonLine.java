package corp.example.ocsp.http.app;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** One JSON object on one line, built field by field, for the JSON logs. Not thread-safe. */
final class JsonLine {
    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    private final StringBuilder out;
    private boolean first = true;

    /** Starts an object in {@code out}, with {@code time} and {@code level}. */
    JsonLine(StringBuilder out, long epochMillis, String level) {
        this.out = out;
        out.append('{');
        key("time");
        out.append('"');
        UtcTime.appendTo(out, epochMillis);
        out.append('"');
        string("level", level);
    }

    JsonLine string(String name, String value) {
        if (value == null) {
            return this;
        }
        key(name);
        out.append('"');
        ESCAPE.quoteAsString(value, out);
        out.append('"');
        return this;
    }

    /** A number if {@code value} is one, else a string. */
    JsonLine value(String name, Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            key(name);
            out.append(n);
            return this;
        }
        return string(name, value == null ? null : value.toString());
    }

    private void key(String name) {
        out.append(first ? "" : ",").append('"').append(name).append("\":");
        first = false;
    }

    /** Closes the object and ends the line. */
    void end() {
        out.append("}\n");
    }
}
