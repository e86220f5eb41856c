package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.source.StatusWrites;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress} and {@code --quiet} of the long commands ({@code cert import}, {@code db migrate}). */
final class ProgressOptions {
    @Option(
            names = "--progress",
            description = "show progress (count, rate, ETA) on standard error even when it is not a terminal")
    boolean progress;

    @Option(names = "--quiet", description = "no progress, even on a terminal")
    boolean quiet;

    /** The progress line for {@code what} on {@code err}, or none; both options given is an error. */
    StatusWrites.Progress line(PrintWriter err, String what) {
        if (progress && quiet) {
            throw new IllegalArgumentException("--progress and --quiet: give one of them");
        }
        return ProgressLine.choose(err, what, progress, quiet);
    }
}
