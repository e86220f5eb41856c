package corp.example.ocsp.http.soak;

import corp.example.ocsp.http.soak.OcspClient.Transport;
import corp.example.ocsp.http.soak.Tally.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a soak run saw, and the problems that fail it (none when it passed).
 *
 * @param load        answers during the load
 * @param end         answers of the check at the end (every revoked certificate asked again)
 * @param times       how long answers took during the load
 * @param steady      visibility of revocations committed in a steady stretch (PostgreSQL up for a while before
 *                    and after the commit), the ones held to {@link SoakSettings#visibilityBound()}
 * @param nearOutage  visibility of the other revocations, reported only
 * @param beforeStopMillis visibility of each revocation committed just before a stop, in milliseconds: short
 *                    when its notification was read before the stop, about the outage when the reconcile
 *                    brought it after
 */
public record SoakReport(
        SoakSettings settings,
        Duration loadTook,
        Tally.Snapshot load,
        Tally.Snapshot end,
        ResponseTimes times,
        Revocations revocations,
        Latency steady,
        Latency nearOutage,
        List<Long> beforeStopMillis,
        List<Chaos.Outage> outages,
        List<String> problems) {

    /**
     * The revoker's work.
     *
     * @param made         commits that returned (or were found done on a retry), during the load
     * @param viaCli       of those, made with the command line
     * @param beforeStop   of those, committed just before PostgreSQL was stopped (their notification may be lost)
     * @param retried      of those, retried because PostgreSQL was down
     * @param ambiguous    of those, whose first attempt failed after its commit (found on the retry)
     * @param visibleAtEnd of those, answered revoked (right reason and time) at the end, with and without nonce
     * @param unseen       of those, never answered revoked during the load
     * @param abandoned    revocations planned but never committed within the time allowed
     */
    public record Revocations(
            int made,
            int viaCli,
            int beforeStop,
            int retried,
            int ambiguous,
            int visibleAtEnd,
            int unseen,
            int abandoned) {}

    /** Commit to first revoked answer, over {@code count} revocations. */
    public record Latency(int count, Duration median, Duration p90, Duration max) {
        static Latency of(List<Duration> values) {
            List<Duration> sorted = new ArrayList<>(values);
            sorted.sort(null);
            if (sorted.isEmpty()) {
                return new Latency(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
            }
            return new Latency(
                    sorted.size(),
                    sorted.get((sorted.size() - 1) / 2),
                    sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                    sorted.get(sorted.size() - 1));
        }

        @Override
        public String toString() {
            return count == 0
                    ? "none"
                    : String.format(
                            Locale.ROOT,
                            "%d: median %d ms, p90 %d ms, max %d ms",
                            count,
                            median.toMillis(),
                            p90.toMillis(),
                            max.toMillis());
        }
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    /** The report as printed by {@code scripts/soak}. */
    public String render() {
        StringBuilder b = new StringBuilder();
        long n = load.answers();
        b.append("soak: ").append(settings).append('\n');
        b.append(String.format(
                Locale.ROOT,
                "load: %d answers in %.1f s (%.0f/s)%n",
                n,
                loadTook.toMillis() / 1000.0,
                n * 1000.0 / Math.max(1, loadTook.toMillis())));
        b.append(String.format(
                Locale.ROOT,
                "  good %d, revoked %d, unknown %d, tryLater %d (%d while PostgreSQL was" + " down or starting)%n",
                load.count(Outcome.GOOD),
                load.count(Outcome.REVOKED),
                load.count(Outcome.UNKNOWN),
                load.count(Outcome.TRY_LATER),
                load.tryLaterDuringOutage()));
        StringBuilder how = new StringBuilder("  asked by");
        for (Transport t : Transport.values()) {
            how.append(' ')
                    .append(t.label)
                    .append(' ')
                    .append(load.transports().getOrDefault(t, 0L))
                    .append(',');
        }
        b.append(how)
                .append(" with a nonce ")
                .append(load.withNonce())
                .append(", SHA-256 CertIDs ")
                .append(load.sha256())
                .append('\n');
        b.append("  response times p50/p99/max ms, PostgreSQL up: ")
                .append(times.describe(false))
                .append('\n');
        b.append("  response times p50/p99/max ms, PostgreSQL down or starting: ")
                .append(times.describe(true))
                .append('\n');
        b.append("  bad answers ")
                .append(load.count(Outcome.BAD))
                .append(", wrong answers ")
                .append(load.wrongAnswers())
                .append('\n');
        b.append("outages: ").append(outages.size());
        outages.forEach(
                o -> b.append(String.format(Locale.ROOT, ", %.1f s", o.length().toMillis() / 1000.0)));
        b.append(" (PostgreSQL stopped, then started)\n");
        Revocations r = revocations;
        b.append(String.format(
                Locale.ROOT,
                "revocations: %d made (%d StoreAdmin, %d command line; %d just before a"
                        + " stop, %d retried across an outage, %d ambiguous, %d abandoned), %d visible at the end,"
                        + " %d never seen during the load%n",
                r.made,
                r.made - r.viaCli,
                r.viaCli,
                r.beforeStop,
                r.retried,
                r.ambiguous,
                r.abandoned,
                r.visibleAtEnd,
                r.unseen));
        b.append("visibility (commit to first revoked answer): steady ")
                .append(steady)
                .append(" (bound ")
                .append(settings.visibilityBound().toMillis())
                .append(" ms); near an outage ")
                .append(nearOutage)
                .append("; just before a stop ")
                .append(beforeStopMillis)
                .append(" ms\n");
        b.append(String.format(
                Locale.ROOT,
                "end check: %d answers, bad %d, wrong %d%n",
                end.answers(),
                end.count(Outcome.BAD),
                end.wrongAnswers()));
        List<String> samples = new ArrayList<>(load.bad());
        samples.addAll(load.wrong());
        samples.addAll(end.bad());
        samples.addAll(end.wrong());
        samples.forEach(s -> b.append("  ").append(s).append('\n'));
        if (problems.isEmpty()) {
            b.append("result: PASS\n");
        } else {
            problems.forEach(p -> b.append("problem: ").append(p).append('\n'));
            b.append("result: FAIL\n");
        }
        return b.toString();
    }
}
