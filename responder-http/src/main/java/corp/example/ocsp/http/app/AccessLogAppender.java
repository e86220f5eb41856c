package corp.example.ocsp.http.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.http.server.AccessLog;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log's Logback appender: one line per event, {@code <UTC time> <message>}, formatted and
 * written by a thread of its own in batches. An event loop only adds the event to a lock-free queue:
 * it never formats, never waits for disk or a pipe, never wakes another thread, and a full queue
 * drops the line and counts it (the events' arguments are immutable, so formatting later is safe).
 * The writer wakes every {@value #PERIOD_MILLIS} ms, writes everything queued with one system call
 * and flushes, so a line reaches the file within about that long.
 *
 * <pre>{@code
 * <appender name="ACCESS" class="corp.example.ocsp.http.app.AccessLogAppender">
 *   <file>/var/log/ocsp-responder/access.log</file>   <!-- default: standard output -->
 *   <queueSize>65536</queueSize>
 * </appender>
 * }</pre>
 */
public final class AccessLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final long PERIOD_MILLIS = 20;

    private String file;
    private volatile boolean json; // switched once the configuration file is read (LogFormat)
    private int queueSize = 65_536;
    private final Queue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean running;
    private OutputStream out;
    private Thread writer;
    private final AtomicLong dropped = new AtomicLong();

    /** Where to append; unset means standard output. */
    public void setFile(String file) {
        this.file = file;
    }

    /**
     * {@code text} (default) or {@code json}: one object per line with {@code time}, {@code level},
     * {@code logger}, {@code message} and each of {@link AccessLog#FIELDS}.
     */
    public void setFormat(String format) {
        String f = format == null ? "text" : format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("json") && !f.equals("text")) {
            addError("access log format '" + format + "' (OCSP_LOG_FORMAT): use text or json; logging as text");
        }
        this.json = f.equals("json");
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
        running = true;
        writer = DaemonThreads.unstarted("ocsp-access-log", this::drain);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (queued.incrementAndGet() > queueSize) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(event);
    }

    private void drain() {
        StringBuilder text = new StringBuilder(1 << 16);
        try {
            while (running) {
                LockSupport.parkNanos(PERIOD_MILLIS * 1_000_000);
                writeQueued(text);
            }
        } catch (IOException e) {
            addError("writing the access log failed: " + e.getMessage(), e);
        }
    }

    /** Writes and flushes everything queued (and how many lines a full queue dropped). */
    private void writeQueued(StringBuilder text) throws IOException {
        text.setLength(0);
        long lost = dropped.getAndSet(0);
        if (lost > 0 && json) {
            new JsonLine(text, System.currentTimeMillis(), "WARN")
                    .string("logger", AccessLog.LOGGER)
                    .string("message", "access log queue full: " + lost + " lines dropped")
                    .value("dropped", lost)
                    .end();
        } else if (lost > 0) {
            UtcTime.appendTo(text, System.currentTimeMillis());
            text.append(" access log queue full: ").append(lost).append(" lines dropped\n");
        }
        for (ILoggingEvent event = queue.poll(); event != null; event = queue.poll()) {
            queued.decrementAndGet();
            if (json) {
                json(event, text);
                continue;
            }
            UtcTime.appendTo(text, event.getTimeStamp());
            text.append(' ');
            appendMessage(event, text);
            text.append('\n');
        }
        if (text.length() > 0) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** The event's message: an answer's line formatted directly, any other through SLF4J. */
    private static void appendMessage(ILoggingEvent event, StringBuilder text) {
        if (AccessLog.isLine(event.getMessage(), event.getArgumentArray())) {
            AccessLog.appendText(text, event.getArgumentArray());
        } else {
            text.append(event.getFormattedMessage());
        }
    }

    private static void json(ILoggingEvent event, StringBuilder text) {
        StringBuilder message = new StringBuilder(128);
        appendMessage(event, message);
        JsonLine line = new JsonLine(
                        text, event.getTimeStamp(), event.getLevel().toString())
                .string("logger", event.getLoggerName())
                .string("message", message.toString());
        Object[] args = event.getArgumentArray();
        for (int i = 0; args != null && i < args.length && i < AccessLog.FIELDS.size(); i++) {
            line.value(AccessLog.FIELDS.get(i), args[i]);
        }
        line.end();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(1000);
            writeQueued(new StringBuilder());
        } catch (IOException | InterruptedException e) {
            addError("closing the access log failed: " + e.getMessage(), e);
        }
    }
}
