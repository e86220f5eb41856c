package corp.example.ocsp.http.check;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a check found: its state, a short text, and the performance data ({@code time}, and {@code
 * next_update} with the thresholds when the answer had one). {@link #line()} is the plugin's output.
 */
public record CheckResult(
        CheckState state,
        String text,
        Optional<Duration> time,
        Optional<Duration> nextUpdateIn,
        Thresholds thresholds) {

    /** Warning and critical margins before nextUpdate. */
    public record Thresholds(Duration warn, Duration crit) {}

    /** {@code OCSP OK - good, nextUpdate in 3d 11h | time=0.004s;;;0 next_update=299400s;86400;14400;0}. */
    public String line() {
        StringBuilder perf = new StringBuilder();
        time.ifPresent(t -> perf.append(String.format(Locale.ROOT, "time=%.3fs;;;0", t.toNanos() / 1e9)));
        nextUpdateIn.ifPresent(n -> perf.append(perf.isEmpty() ? "" : " ")
                .append("next_update=")
                .append(n.getSeconds())
                .append("s;")
                .append(thresholds.warn().getSeconds())
                .append(';')
                .append(thresholds.crit().getSeconds()));
        return "OCSP " + state + " - " + text + (perf.isEmpty() ? "" : " | " + perf);
    }

    static CheckResult unknown(String text, Thresholds thresholds) {
        return new CheckResult(CheckState.UNKNOWN, text, Optional.empty(), Optional.empty(), thresholds);
    }

    /** {@code 3d 11h}, {@code 5h 20m}, {@code 12m 5s}, {@code 40s}: the two largest units. */
    static String human(Duration d) {
        long s = Math.abs(d.getSeconds());
        String sign = d.isNegative() ? "-" : "";
        if (s >= 86_400) {
            return sign + s / 86_400 + "d " + s % 86_400 / 3600 + "h";
        } else if (s >= 3600) {
            return sign + s / 3600 + "h " + s % 3600 / 60 + "m";
        } else if (s >= 60) {
            return sign + s / 60 + "m " + s % 60 + "s";
        }
        return sign + s + "s";
    }
}
