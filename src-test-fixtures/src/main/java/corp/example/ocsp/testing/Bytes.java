package corp.example.ocsp.testing;

/** Searching raw bytes: HTTP heads in captured output, fields inside encoded requests. */
public final class Bytes {
    private Bytes() {}

    /** The first index at or after {@code from} where {@code pattern} occurs in {@code data}, or -1. */
    public static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
