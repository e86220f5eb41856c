package corp.example.ocsp.http.soak;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long answers took, from the request's first byte sent to the answer's last byte received, by
 * what the responder had to do and by whether PostgreSQL was down: millisecond buckets up to 10 s.
 */
final class ResponseTimes {
    private static final int BUCKETS = 10_001;

    /** What the responder needs for the answer. */
    enum Work {
        /** A known serial without a nonce: the cached response (or, once per SHA-256 CertID, one signed). */
        CACHED("cached"),
        /** A known serial with a nonce: signed live with the cached status, no database. */
        NONCE("nonce"),
        /** A serial the store does not know: a database lookup every time. */
        LOOKUP("unknown serial");

        final String label;

        Work(String label) {
            this.label = label;
        }

        static Work of(Probe p) {
            return p.leaf() == null ? LOOKUP : p.nonce() != null ? NONCE : CACHED;
        }
    }

    /** Percentiles of one kind of work, in milliseconds. */
    record Figures(long count, long p50, long p99, long max) {
        @Override
        public String toString() {
            return count == 0 ? "none" : String.format(Locale.ROOT, "%d/%d/%d", p50, p99, max);
        }
    }

    private final Map<Work, AtomicLongArray> up = new EnumMap<>(Work.class);
    private final Map<Work, AtomicLongArray> down = new EnumMap<>(Work.class);

    ResponseTimes() {
        for (Work w : Work.values()) {
            up.put(w, new AtomicLongArray(BUCKETS));
            down.put(w, new AtomicLongArray(BUCKETS));
        }
    }

    void record(Probe p, Duration took, boolean duringOutage) {
        int ms = (int) Math.min(BUCKETS - 1, Math.max(0, took.toMillis()));
        (duringOutage ? down : up).get(Work.of(p)).incrementAndGet(ms);
    }

    Figures figures(Work w, boolean duringOutage) {
        AtomicLongArray b = (duringOutage ? down : up).get(w);
        long count = 0;
        long max = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long n = b.get(i);
            count += n;
            if (n > 0) {
                max = i;
            }
        }
        return new Figures(count, percentile(b, count, 0.5), percentile(b, count, 0.99), max);
    }

    /** "cached 1/4/40, nonce ..., unknown serial ..." (p50/p99/max ms) for PostgreSQL up or down. */
    String describe(boolean duringOutage) {
        StringJoiner j = new StringJoiner(", ");
        for (Work w : Work.values()) {
            j.add(w.label + " " + figures(w, duringOutage));
        }
        return j.toString();
    }

    private static long percentile(AtomicLongArray b, long count, double q) {
        long rank = (long) Math.ceil(count * q);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += b.get(i);
            if (seen >= rank && seen > 0) {
                return i;
            }
        }
        return 0;
    }
}
