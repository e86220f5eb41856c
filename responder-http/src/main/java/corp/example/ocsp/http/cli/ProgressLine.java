package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.source.StatusWrites;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long command on one terminal line (standard error, rewritten with {@code \r}):
 * {@code importing: 45,000 / 100,000 (9,000/s, ETA 6s)}, at most every 250 ms and once at the end.
 */
final class ProgressLine implements StatusWrites.Progress {
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final String what;
    private final LongSupplier nanos;
    private final long start;
    private long last;
    private boolean printed;

    ProgressLine(PrintWriter err, String what, LongSupplier nanos) {
        this.err = err;
        this.what = what;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /** Progress on a terminal unless {@code quiet}; always with {@code forced}; else none. */
    static StatusWrites.Progress choose(PrintWriter err, String what, boolean forced, boolean quiet) {
        boolean terminal = System.console() != null;
        return forced || (terminal && !quiet)
                ? new ProgressLine(err, what, System::nanoTime)
                : StatusWrites.Progress.NONE;
    }

    @Override
    public void at(long done, long total) {
        long now = nanos.getAsLong();
        if (done < total && printed && now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        String eta = done >= total ? "done" : rate > 0 ? "ETA " + Math.round((total - done) / rate) + "s" : "ETA ?";
        err.print(String.format(Locale.ROOT, "\r%s: %,d / %,d (%,.0f/s, %s)", what, done, total, rate, eta));
        printed = true;
        if (done >= total) {
            err.println();
        }
        err.flush();
    }

    /** True once a line was printed. */
    boolean printed() {
        return printed;
    }
}
