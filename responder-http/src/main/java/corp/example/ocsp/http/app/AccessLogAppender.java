package corp.example.ocsp.http.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access log's Logback appender: one line per event, {@code <UTC time> <message>}, written by a
 * thread of its own in batches. An event loop only hands the line over (it never waits for disk or
 * a pipe, and a full queue drops the line and counts it); the writer drains everything queued, writes
 * it with one system call and flushes as soon as the queue is empty, so lines are never held back.
 *
 * <pre>{@code
 * <appender name="ACCESS" class="corp.example.ocsp.http.app.AccessLogAppender">
 *   <file>/var/log/ocsp-responder/access.log</file>   <!-- default: standard output -->
 *   <queueSize>65536</queueSize>
 * </appender>
 * }</pre>
 */
public final class AccessLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private String file;
    private int queueSize = 65_536;
    private BlockingQueue<Line> queue;
    private OutputStream out;
    private Thread writer;
    private final AtomicLong dropped = new AtomicLong();

    private record Line(long time, String text) {
    }

    /** Where to append; unset means standard output. */
    public void setFile(String file) {
        this.file = file;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        try {
            OutputStream target = file == null || file.isBlank()
                    ? new FileOutputStream(FileDescriptor.out)
                    : new FileOutputStream(file, true);
            out = new BufferedOutputStream(target, 1 << 16);
        } catch (IOException e) {
            addError("cannot open the access log " + file + ": " + e.getMessage(), e);
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::drain, "ocsp-access-log");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!queue.offer(new Line(event.getTimeStamp(), event.getFormattedMessage()))) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        List<Line> batch = new ArrayList<>(1024);
        StringBuilder text = new StringBuilder(1 << 16);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, 4096);
                text.setLength(0);
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    TIME.formatTo(Instant.now(), text);
                    text.append(" access log queue full: ").append(lost).append(" lines dropped\n");
                }
                for (Line line : batch) {
                    TIME.formatTo(Instant.ofEpochMilli(line.time()), text);
                    text.append(' ').append(line.text()).append('\n');
                }
                batch.clear();
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            addError("writing the access log failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.interrupt();
        try {
            writer.join(1000);
            List<Line> rest = new ArrayList<>();
            queue.drainTo(rest);
            StringBuilder text = new StringBuilder();
            for (Line line : rest) {
                TIME.formatTo(Instant.ofEpochMilli(line.time()), text);
                text.append(' ').append(line.text()).append('\n');
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | InterruptedException e) {
            addError("closing the access log failed: " + e.getMessage(), e);
        }
    }
}
