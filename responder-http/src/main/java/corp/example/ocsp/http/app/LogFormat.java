package corp.example.ocsp.http.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The configuration file's {@code logging.format}, put in force: every application-log appender
 * whose encoder is a {@link LogEncoder}, and every {@link AccessLogAppender}, writes that format from
 * the next line on. Logging configured otherwise (another encoder in one's own logback file) is left
 * as it is.
 */
final class LogFormat {
    private LogFormat() {}

    /** {@code json} or {@code text} in the process's logging; returns how many appenders now write it. */
    static int use(String format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof LoggerContext context ? use(context, format) : 0;
    }

    /** As {@link #use(String)}, in {@code context}. */
    static int use(LoggerContext context, String format) {
        boolean json = format.equals("json");
        int switched = 0;
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = logger.iteratorForAppenders();
                    it.hasNext(); ) {
                Appender<ch.qos.logback.classic.spi.ILoggingEvent> appender = it.next();
                if (appender instanceof AccessLogAppender access) {
                    access.setFormat(format);
                    switched++;
                } else if (appender instanceof OutputStreamAppender<?> out
                        && out.getEncoder() instanceof LogEncoder encoder) {
                    encoder.useJson(json);
                    switched++;
                }
            }
        }
        return switched;
    }
}
