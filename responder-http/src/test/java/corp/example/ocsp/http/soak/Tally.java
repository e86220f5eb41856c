package corp.example.ocsp.http.soak;

import corp.example.ocsp.http.soak.OcspClient.Transport;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts of answers by what they were and how they were asked, with the first few bad and wrong ones described. */
final class Tally {
    private static final int SAMPLES = 20;

    /** What an answer was. BAD: not a valid OCSP answer or tryLater. WRONG: valid, but not the truth. */
    enum Outcome {
        GOOD,
        REVOKED,
        UNKNOWN,
        TRY_LATER,
        BAD,
        WRONG
    }

    /** Counts at one moment. */
    record Snapshot(
            Map<Outcome, Long> outcomes,
            Map<Transport, Long> transports,
            long withNonce,
            long sha256,
            long tryLaterDuringOutage,
            long wrongFoundLater,
            List<String> bad,
            List<String> wrong) {
        long answers() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Answers wrong when they came, and good answers found wrong later (after a revoked one, or too new). */
        long wrongAnswers() {
            return count(Outcome.WRONG) + wrongFoundLater;
        }

        long count(Outcome o) {
            return outcomes.getOrDefault(o, 0L);
        }
    }

    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    private final Map<Transport, LongAdder> transports = new EnumMap<>(Transport.class);
    private final LongAdder withNonce = new LongAdder();
    private final LongAdder sha256 = new LongAdder();
    private final LongAdder tryLaterDuringOutage = new LongAdder();
    private final LongAdder wrongFoundLater = new LongAdder();
    private final List<String> bad = new ArrayList<>();
    private final List<String> wrong = new ArrayList<>();

    Tally() {
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new LongAdder());
        }
        for (Transport t : Transport.values()) {
            transports.put(t, new LongAdder());
        }
    }

    void count(Probe p, Outcome o, boolean duringOutage) {
        outcomes.get(o).increment();
        transports.get(p.transport()).increment();
        if (p.nonce() != null) {
            withNonce.increment();
        }
        if (p.hash() == CertIdHash.SHA256) {
            sha256.increment();
        }
        if (o == Outcome.TRY_LATER && duringOutage) {
            tryLaterDuringOutage.increment();
        }
    }

    /** Records a bad answer (counted apart from the answer's own count). */
    void bad(String what) {
        sample(bad, what);
    }

    /** Describes a wrong answer counted as {@link Outcome#WRONG}. */
    void wrong(String what) {
        sample(wrong, what);
    }

    /** Records a good answer found wrong after the load, by what was seen later (it was counted as good). */
    void wrongFoundLater(String what) {
        wrongFoundLater.increment();
        sample(wrong, what);
    }

    private synchronized void sample(List<String> list, String what) {
        if (list.size() < SAMPLES) {
            list.add(what);
        }
    }

    synchronized Snapshot snapshot() {
        Map<Outcome, Long> o = new EnumMap<>(Outcome.class);
        outcomes.forEach((k, v) -> o.put(k, v.sum()));
        Map<Transport, Long> t = new EnumMap<>(Transport.class);
        transports.forEach((k, v) -> t.put(k, v.sum()));
        return new Snapshot(
                o,
                t,
                withNonce.sum(),
                sha256.sum(),
                tryLaterDuringOutage.sum(),
                wrongFoundLater.sum(),
                List.copyOf(bad),
                List.copyOf(wrong));
    }
}
