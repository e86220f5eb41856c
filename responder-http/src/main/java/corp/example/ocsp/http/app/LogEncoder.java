package corp.example.ocsp.http.app;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The application log's encoder: {@code format text} (default) writes {@code pattern}, {@code
 * format json} one JSON object per line with {@code time} (UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, the event's key-value pairs and MDC entries, and {@code
 * exception} (the stack trace, escaped onto the line). Set by {@code OCSP_LOG_FORMAT} in the shipped
 * logback files.
 *
 * <pre>{@code
 * <encoder class="corp.example.ocsp.http.app.LogEncoder">
 *   <format>${OCSP_LOG_FORMAT:-text}</format>
 *   <pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{1} - %msg%n</pattern>
 * </encoder>
 * }</pre>
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {
    private String format = "text";
    private String pattern = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{1} - %msg%n";
    private volatile PatternLayoutEncoder text;
    private volatile boolean json; // switched once the configuration file is read (LogFormat)

    /** {@code text} or {@code json}. */
    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        String f = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
        json = f.equals("json");
        if (!json && !f.equals("text")) {
            addError("log format '" + format + "' (OCSP_LOG_FORMAT): use text or json; logging as text");
        }
        text = new PatternLayoutEncoder();
        text.setContext(getContext());
        text.setPattern(pattern);
        text.setCharset(StandardCharsets.UTF_8);
        text.start();
        super.start();
    }

    /** True when this encoder writes JSON. */
    boolean json() {
        return json;
    }

    /** Writes {@code json} or text from the next event on (the configuration file's setting). */
    void useJson(boolean json) {
        this.json = json;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (!json) {
            return text.encode(event);
        }
        StringBuilder out = new StringBuilder(256);
        JsonLine line = new JsonLine(out, event.getTimeStamp(), event.getLevel().toString())
                .string("logger", event.getLoggerName())
                .string("thread", event.getThreadName())
                .string("message", event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                line.value(kv.key, kv.value);
            }
        }
        for (Map.Entry<String, String> e : event.getMDCPropertyMap().entrySet()) {
            line.string(e.getKey(), e.getValue());
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.string("exception", ThrowableProxyUtil.asString(thrown));
        }
        line.end();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] headerBytes() {
        return json ? null : text.headerBytes();
    }

    @Override
    public byte[] footerBytes() {
        return json ? null : text.footerBytes();
    }
}
