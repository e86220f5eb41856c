package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogAppenderTest {
    @TempDir
    Path dir;

    @Test
    void linesArriveInOrderWithUtcTimes_andNothingIsLostOnStop() throws Exception {
        Path file = dir.resolve("access.log");
        LoggerContext context = new LoggerContext();
        AccessLogAppender appender = new AccessLogAppender();
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("ocsp.access");
        for (int i = 0; i < 1000; i++) {
            LoggingEvent e = new LoggingEvent(
                    "x", logger, Level.INFO, "127.0.0.1 POST serial={} answer=good", null, new Object[] {i});
            e.setTimeStamp(1_795_000_000_000L + i);
            appender.doAppend(e);
        }
        appender.stop();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1000);
        assertThat(lines.get(0)).isEqualTo("2026-11-18T11:06:40.000Z 127.0.0.1 POST serial=0 answer=good");
        assertThat(lines.get(999)).endsWith(" 127.0.0.1 POST serial=999 answer=good");
    }
}
