package corp.example.ocsp.core.request;

/**
 * How deep BER/DER structures nest, found without parsing them: Bouncy Castle's reader recurses
 * once per constructed level, so a request of a few kilobytes of nested SEQUENCE headers
 * ({@code 30 82 ..} or {@code 30 80} repeated) overflows a thread's stack, a StackOverflowError
 * that no {@code catch (RuntimeException)} stops. Checking the depth first keeps the parser's
 * promise that nothing escapes it.
 */
final class DerNesting {
    private DerNesting() {
    }

    /**
     * True when {@code der} has more than {@code max} constructed values one inside another.
     * Walks the tag and length octets only, in one pass, allocating {@code max} longs whatever the
     * input; an encoding it cannot follow (truncated, a length past the end) counts as not too
     * deep, and is left to the parser to refuse.
     */
    static boolean deeperThan(byte[] der, int max) {
        long[] ends = new long[max]; // where each open constructed value ends; -1 for indefinite length
        int depth = 0;
        long pos = 0;
        while (pos < der.length) {
            while (depth > 0 && ends[depth - 1] >= 0 && pos >= ends[depth - 1]) {
                depth--;
            }
            int at = (int) pos;
            if (depth > 0 && ends[depth - 1] < 0 && at + 1 < der.length && der[at] == 0 && der[at + 1] == 0) {
                pos += 2; // end-of-contents of an indefinite-length value
                depth--;
                continue;
            }
            int tag = der[at++] & 0xff;
            if ((tag & 0x1f) == 0x1f) { // high tag number: base-128 digits, the last without bit 8
                while (at < der.length && (der[at] & 0x80) != 0) {
                    at++;
                }
                at++;
            }
            if (at >= der.length) {
                return false;
            }
            int first = der[at++] & 0xff;
            long length = first;
            if (first == 0x80) {
                length = -1;
            } else if (first > 0x80) {
                int octets = first & 0x7f;
                if (octets > 7 || at + octets > der.length) {
                    return false;
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = length << 8 | (der[at++] & 0xff);
                }
            }
            pos = at;
            if ((tag & 0x20) != 0) {
                if (depth == max) {
                    return true;
                }
                ends[depth++] = length < 0 ? -1 : pos + length;
            } else if (length < 0) {
                return false;
            } else {
                pos += length;
            }
        }
        return false;
    }
}
