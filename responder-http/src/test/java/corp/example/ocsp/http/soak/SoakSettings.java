package corp.example.ocsp.http.soak;

import java.time.Duration;

/**
 * What a soak run does.
 *
 * @param load                 how long the clients send requests
 * @param clients              client threads, each sending one request at a time
 * @param revocationsPerSecond the revoker's steady rate
 * @param restarts             how often PostgreSQL is stopped and started again during the load
 * @param outage               how long PostgreSQL stays stopped each time
 * @param stableLeaves         certificates never revoked (always {@code good})
 * @param preRevokedLeaves     certificates revoked before the responder starts
 * @param cliShare             the share of revocations made with the command line ({@code revoke}) instead of
 *                             {@code StoreAdmin}
 * @param visibilityBound      the longest a revocation committed while PostgreSQL is steadily up may take to be
 *                             answered: the design's one second plus slack for a loaded 2-core machine
 * @param minAnswersPerSecond  answers per second of load below which the run failed, as not loading the
 *                             responder enough to mean much; 0 for none. {@code scripts/soak} sets it (it
 *                             reports the rate); the suite's short run does not, as the machine running the
 *                             suite may be busy with other builds (its rate is in the logged report)
 */
public record SoakSettings(
        Duration load,
        int clients,
        double revocationsPerSecond,
        int restarts,
        Duration outage,
        int stableLeaves,
        int preRevokedLeaves,
        double cliShare,
        Duration visibilityBound,
        int minAnswersPerSecond) {

    public SoakSettings {
        if (load.toSeconds() < 5
                || clients < 1
                || revocationsPerSecond <= 0
                || restarts < 0
                || outage.isNegative()
                || stableLeaves < 1
                || preRevokedLeaves < 1
                || cliShare < 0
                || cliShare > 1
                || minAnswersPerSecond < 0) {
            throw new IllegalArgumentException("unusable soak settings: " + this);
        }
        Duration slot = load.dividedBy(restarts + 1);
        if (restarts > 0 && slot.compareTo(outage.plusSeconds(6)) < 0) {
            throw new IllegalArgumentException("soak: " + restarts + " restarts of " + outage.toSeconds()
                    + " s do not fit in " + load.toSeconds() + " s of load (each needs the outage plus 6 s)");
        }
    }

    /** The suite's short run: 24 s of load with one 5 s outage of PostgreSQL, no rate floor. */
    public static SoakSettings quick() {
        return new SoakSettings(
                Duration.ofSeconds(24), 4, 2, 1, Duration.ofSeconds(5), 150, 50, 0.25, Duration.ofSeconds(3), 0);
    }

    /**
     * The short run changed by system properties, for {@code scripts/soak}: {@code soak.seconds},
     * {@code soak.clients}, {@code soak.revocationsPerSecond}, {@code soak.restarts}, {@code
     * soak.outageSeconds}, {@code soak.minAnswersPerSecond}.
     */
    public static SoakSettings fromSystemProperties() {
        SoakSettings d = quick();
        return new SoakSettings(
                Duration.ofSeconds(Long.getLong("soak.seconds", d.load.toSeconds())),
                Integer.getInteger("soak.clients", d.clients),
                Double.parseDouble(
                        System.getProperty("soak.revocationsPerSecond", Double.toString(d.revocationsPerSecond))),
                Integer.getInteger("soak.restarts", d.restarts),
                Duration.ofSeconds(Long.getLong("soak.outageSeconds", d.outage.toSeconds())),
                d.stableLeaves,
                d.preRevokedLeaves,
                d.cliShare,
                d.visibilityBound,
                Integer.getInteger("soak.minAnswersPerSecond", d.minAnswersPerSecond));
    }

    /** Certificates the revoker may revoke: more than it can get through in the load. */
    int revocableLeaves() {
        return (int) Math.ceil(revocationsPerSecond * load.toSeconds() * 1.2) + 20;
    }

    @Override
    public String toString() {
        return load.toSeconds() + " s of load, " + clients + " clients, " + revocationsPerSecond + " revocations/s, "
                + restarts + " PostgreSQL restart(s) of " + outage.toSeconds() + " s"
                + (minAnswersPerSecond > 0 ? ", at least " + minAnswersPerSecond + " answers/s" : "");
    }
}
