package corp.example.ocsp.http.soak;

import corp.example.ocsp.core.status.RevocationReason;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A certificate of the soak's PKI and the truth about it, as the checker needs it: what it is
 * ({@link Kind}), the revocation planned for it (before the revoker commits it), when the commit
 * returned, and when a client first saw it answered {@code revoked}.
 */
final class Leaf {
    enum Kind {
        /** Never revoked: always {@code good}. */
        STABLE,
        /** Revoked before the responder starts. */
        PRE_REVOKED,
        /** Good until the revoker revokes it during the run. */
        REVOCABLE
    }

    /** A revocation as recorded: its reason (none for some) and its time, whole seconds. */
    record Expected(Optional<RevocationReason> reason, Instant at) {
        @Override
        public String toString() {
            return reason.map(RevocationReason::label).orElse("no reason") + " at " + at;
        }
    }

    /** A {@code good} answer received after the revocation was planned, to be judged when the run is over. */
    record GoodAnswer(Instant sentAt, Instant receivedAt, Instant thisUpdate, String how) {}

    private static final int MAX_GOOD_ANSWERS = 100_000;

    final BigInteger serial;
    final Kind kind;
    private final List<GoodAnswer> goodAfterPlan = new ArrayList<>();
    /** Set before the revoker's first attempt to commit; fixed from then on. */
    private volatile Expected planned;
    /** When the commit returned (or, for an ambiguous commit, when the revoker learnt it had happened). */
    private volatile Instant committedAt;
    /** True when an attempt failed with the database gone and the retry found it already revoked. */
    private volatile boolean ambiguous;

    private volatile boolean byCli;
    private volatile boolean justBeforeStop;
    private final AtomicReference<Instant> firstRevokedSeen = new AtomicReference<>();

    Leaf(BigInteger serial, Kind kind, Expected preRevocation) {
        this.serial = serial;
        this.kind = kind;
        this.planned = preRevocation;
    }

    Expected planned() {
        return planned;
    }

    void plan(Expected revocation, boolean cli) {
        this.byCli = cli;
        this.planned = revocation;
    }

    void committed(Instant at, boolean wasAmbiguous) {
        this.ambiguous = wasAmbiguous;
        this.committedAt = at;
    }

    /** Null until the revocation's commit returned. */
    Instant committedAt() {
        return committedAt;
    }

    boolean ambiguous() {
        return ambiguous;
    }

    boolean byCli() {
        return byCli;
    }

    /** Marks a revocation committed by the chaos step just before it stopped PostgreSQL. */
    void markJustBeforeStop() {
        justBeforeStop = true;
    }

    boolean justBeforeStop() {
        return justBeforeStop;
    }

    /** A revocation made during the run (its commit returned). */
    boolean revokedDuringRun() {
        return kind == Kind.REVOCABLE && committedAt != null;
    }

    /** What a client must be told when the revocation is visible: pre-revoked or planned. */
    Optional<Expected> expected() {
        return Optional.ofNullable(planned);
    }

    /** Records a {@code revoked} answer received at {@code at}; keeps the earliest. */
    void sawRevoked(Instant at) {
        firstRevokedSeen.accumulateAndGet(at, (a, b) -> a == null || b.isBefore(a) ? b : a);
    }

    /** Keeps a good answer sent after the revocation was planned. */
    synchronized void sawGoodAfterPlan(GoodAnswer answer) {
        if (goodAfterPlan.size() < MAX_GOOD_ANSWERS) {
            goodAfterPlan.add(answer);
        }
    }

    synchronized List<GoodAnswer> goodAfterPlan() {
        return List.copyOf(goodAfterPlan);
    }

    /** When a client first received {@code revoked}, or null. */
    Instant firstRevokedSeen() {
        return firstRevokedSeen.get();
    }

    /** Commit to first {@code revoked} answer; empty when either is unknown or the commit was ambiguous. */
    Optional<Duration> visibilityLatency() {
        Instant seen = firstRevokedSeen.get();
        if (committedAt == null || seen == null || ambiguous) {
            return Optional.empty();
        }
        Duration d = Duration.between(committedAt, seen);
        return Optional.of(d.isNegative() ? Duration.ZERO : d); // the NOTIFY may beat the commit's acknowledgement
    }

    String hex() {
        return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind + " serial " + hex();
    }
}
