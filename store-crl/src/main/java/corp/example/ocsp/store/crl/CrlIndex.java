package corp.example.ocsp.store.crl;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The revoked entries of one CRL (or of a full CRL with its delta applied), held compactly: the
 * serials' octets back to back in one array, sorted, with primitive arrays of offsets, revocation
 * times, reasons and (only if some entry has one) invalidity dates. About 30 bytes of heap per entry
 * for 16-octet serials, against several hundred for a map of objects; looked up by binary search.
 * Immutable.
 */
final class CrlIndex {
    static final CrlIndex EMPTY = new Builder().build();
    private static final byte NO_REASON = -1;
    private static final long NO_DATE = Long.MIN_VALUE;

    private final int size;
    private final byte[] serials;
    private final int[] offsets; // size + 1: serial i is serials[offsets[i], offsets[i+1])
    private final long[] revokedAt; // epoch seconds
    private final byte[] reasons; // CRLReason codes, NO_REASON when absent
    private final long[] invalidity; // epoch seconds or NO_DATE; null when no entry has one

    private CrlIndex(int size, byte[] serials, int[] offsets, long[] revokedAt, byte[] reasons, long[] invalidity) {
        this.size = size;
        this.serials = serials;
        this.offsets = offsets;
        this.revokedAt = revokedAt;
        this.reasons = reasons;
        this.invalidity = invalidity;
    }

    int size() {
        return size;
    }

    /** The heap its arrays take, in bytes (16-byte array headers included). */
    long footprintBytes() {
        long b = 16L + serials.length + 16 + 4L * offsets.length + 16 + 8L * revokedAt.length + 16 + reasons.length;
        return invalidity == null ? b : b + 16 + 8L * invalidity.length;
    }

    /** The entry of {@code serial}, or null when it is not on the CRL. */
    CertStatus.Revoked lookup(BigInteger serial) {
        int i = find(serial.toByteArray());
        return i < 0 ? null : status(i);
    }

    /** The index of the entry with these octets, or a negative number. */
    private int find(byte[] key) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(serials, offsets[mid], offsets[mid + 1], key, 0, key.length);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Order: shorter first, then the octets unsigned; the same for every index, which is all that matters. */
    private static int compare(byte[] a, int af, int at, byte[] b, int bf, int bt) {
        int la = at - af;
        int lb = bt - bf;
        if (la != lb) {
            return Integer.compare(la, lb);
        }
        return Arrays.compareUnsigned(a, af, at, b, bf, bt);
    }

    BigInteger serial(int i) {
        return new BigInteger(serials, offsets[i], offsets[i + 1] - offsets[i]);
    }

    int reasonCode(int i) {
        return reasons[i];
    }

    CertStatus.Revoked status(int i) {
        Optional<RevocationReason> reason =
                reasons[i] == NO_REASON ? Optional.empty() : RevocationReason.ofCode(reasons[i]);
        Optional<Instant> invalid = invalidity == null || invalidity[i] == NO_DATE
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(invalidity[i]));
        return new CertStatus.Revoked(Instant.ofEpochSecond(revokedAt[i]), reason, invalid);
    }

    private boolean sameEntry(int i, CrlIndex o, int j) {
        long mine = invalidity == null ? NO_DATE : invalidity[i];
        long theirs = o.invalidity == null ? NO_DATE : o.invalidity[j];
        return revokedAt[i] == o.revokedAt[j] && reasons[i] == o.reasons[j] && mine == theirs;
    }

    private int compareAt(int i, CrlIndex o, int j) {
        return compare(serials, offsets[i], offsets[i + 1], o.serials, o.offsets[j], o.offsets[j + 1]);
    }

    /**
     * This (full) CRL's entries updated by {@code delta}'s: a delta entry replaces or adds one, a
     * delta entry with reason removeFromCRL removes it.
     */
    CrlIndex withDelta(CrlIndex delta) {
        Builder out = new Builder();
        int i = 0;
        int j = 0;
        while (i < size || j < delta.size) {
            int c = i == size ? 1 : j == delta.size ? -1 : compareAt(i, delta, j);
            if (c < 0) {
                out.copy(this, i++);
            } else {
                if (delta.reasons[j] != RevocationReason.REMOVE_FROM_CRL.code()) {
                    out.copy(delta, j);
                }
                j++;
                if (c == 0) {
                    i++;
                }
            }
        }
        return out.buildSorted();
    }

    /** What changed from this index to {@code next}, serial by serial. */
    interface Changes {
        /** {@code serial} is now revoked as {@code now}, or (null) no longer on the CRL. */
        void changed(BigInteger serial, CertStatus.Revoked now);
    }

    void diff(CrlIndex next, Changes changes) {
        int i = 0;
        int j = 0;
        while (i < size || j < next.size) {
            int c = i == size ? 1 : j == next.size ? -1 : compareAt(i, next, j);
            if (c < 0) {
                changes.changed(serial(i++), null);
            } else if (c > 0) {
                changes.changed(next.serial(j), next.status(j));
                j++;
            } else {
                if (!sameEntry(i, next, j)) {
                    changes.changed(next.serial(j), next.status(j));
                }
                i++;
                j++;
            }
        }
    }

    /** Collects entries in any order; {@link #build()} sorts them. Not thread-safe. */
    static final class Builder {
        private int size;
        private byte[] serials = new byte[64];
        private int used;
        private int[] offsets = new int[9];
        private long[] revokedAt = new long[8];
        private byte[] reasons = new byte[8];
        private long[] invalidity;

        /** Adds an entry: the serial's INTEGER content octets, and its fields. */
        void add(byte[] src, int from, int to, Instant at, int reasonCode, Instant invalidSince) {
            grow(to - from);
            System.arraycopy(src, from, serials, used, to - from);
            used += to - from;
            revokedAt[size] = at.getEpochSecond();
            reasons[size] = (byte) reasonCode;
            if (invalidSince != null) {
                if (invalidity == null) {
                    invalidity = new long[revokedAt.length];
                    Arrays.fill(invalidity, NO_DATE);
                }
                invalidity[size] = invalidSince.getEpochSecond();
            } else if (invalidity != null) {
                invalidity[size] = NO_DATE;
            }
            size++;
            offsets[size] = used;
        }

        /** Adds {@code BigInteger} serials (tests, deltas). */
        void add(BigInteger serial, Instant at, Optional<RevocationReason> reason, Optional<Instant> invalid) {
            byte[] b = serial.toByteArray();
            add(b, 0, b.length, at, reason.map(RevocationReason::code).orElse((int) NO_REASON), invalid.orElse(null));
        }

        private void copy(CrlIndex from, int i) {
            long inv = from.invalidity == null ? NO_DATE : from.invalidity[i];
            add(
                    from.serials,
                    from.offsets[i],
                    from.offsets[i + 1],
                    Instant.ofEpochSecond(from.revokedAt[i]),
                    from.reasons[i],
                    inv == NO_DATE ? null : Instant.ofEpochSecond(inv));
        }

        private void grow(int octets) {
            if (used + octets > serials.length) {
                serials = Arrays.copyOf(serials, Math.max(serials.length * 2, used + octets));
            }
            if (size + 1 >= revokedAt.length) {
                int n = revokedAt.length * 2;
                offsets = Arrays.copyOf(offsets, n + 1);
                revokedAt = Arrays.copyOf(revokedAt, n);
                reasons = Arrays.copyOf(reasons, n);
                if (invalidity != null) {
                    invalidity = Arrays.copyOf(invalidity, n);
                    Arrays.fill(invalidity, size, n, NO_DATE);
                }
            }
        }

        int size() {
            return size;
        }

        /** The entries sorted; of a serial listed twice, the first is kept. */
        CrlIndex build() {
            CrlIndex unsorted = buildSorted();
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            int[] tmp = new int[size];
            mergeSort(unsorted, order, tmp, 0, size);
            Builder sorted = new Builder();
            for (int k = 0; k < size; k++) {
                if (k > 0 && unsorted.compareAt(order[k], unsorted, order[k - 1]) == 0) {
                    continue;
                }
                sorted.copy(unsorted, order[k]);
            }
            return sorted.buildSorted();
        }

        /** Stable merge sort of entry numbers by serial (primitive, no boxing: a million entries sort in place). */
        private static void mergeSort(CrlIndex x, int[] a, int[] tmp, int from, int to) {
            if (to - from < 2) {
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(x, a, tmp, from, mid);
            mergeSort(x, a, tmp, mid, to);
            if (x.compareAt(a[mid - 1], x, a[mid]) <= 0) {
                return;
            }
            System.arraycopy(a, from, tmp, from, to - from);
            int i = from;
            int j = mid;
            for (int k = from; k < to; k++) {
                if (j >= to || (i < mid && x.compareAt(tmp[i], x, tmp[j]) <= 0)) {
                    a[k] = tmp[i++];
                } else {
                    a[k] = tmp[j++];
                }
            }
        }

        /** The entries as added, trimmed (they must already be in order). */
        private CrlIndex buildSorted() {
            return new CrlIndex(
                    size,
                    Arrays.copyOf(serials, used),
                    Arrays.copyOf(offsets, size + 1),
                    Arrays.copyOf(revokedAt, size),
                    Arrays.copyOf(reasons, size),
                    invalidity == null ? null : Arrays.copyOf(invalidity, size));
        }
    }
}
