package corp.example.ocsp.core.request;

/**
 * What Bouncy Castle must not be given, found from the tag and length octets alone, before it
 * parses anything:
 *
 * <ul>
 *   <li>constructed values nested too deep: its reader recurses once per level, so a few kilobytes
 *       of nested SEQUENCE headers ({@code 30 82 ..} or {@code 30 80} repeated) overflowed the
 *       stack, a StackOverflowError that no {@code catch (RuntimeException)} stops;
 *   <li>BER's indefinite lengths and constructed strings (a universal type other than SEQUENCE and
 *       SET with the constructed bit, such as {@code 23 00}): DER has neither, and Bouncy Castle
 *       reads each constructed string through a fresh 4 KiB buffer, so 2 bytes of input cost
 *       4 KiB of allocation (a 16 KiB request, 32 MiB).
 * </ul>
 */
final class DerShape {
    private DerShape() {}

    /**
     * Why {@code der} must be refused (nesting deeper than {@code max}, an indefinite length, a
     * constructed string), or null. Walks the tag and length octets only, in one pass, allocating
     * {@code max} longs whatever the input; an encoding it cannot follow (truncated, a length
     * past the end) passes, and is left to the parser to refuse.
     */
    static String problem(byte[] der, int max) {
        long[] ends = new long[max]; // where each open constructed value ends
        int depth = 0;
        long pos = 0;
        while (pos < der.length) {
            while (depth > 0 && pos >= ends[depth - 1]) {
                depth--;
            }
            int at = (int) pos;
            int tag = der[at++] & 0xff;
            if ((tag & 0x1f) == 0x1f) { // high tag number: base-128 digits, the last without bit 8
                while (at < der.length && (der[at] & 0x80) != 0) {
                    at++;
                }
                at++;
            }
            if (at >= der.length) {
                return null;
            }
            int first = der[at++] & 0xff;
            long length = first;
            if (first == 0x80) {
                return "an indefinite length (BER, not DER)";
            } else if (first > 0x80) {
                int octets = first & 0x7f;
                if (octets > 7 || at + octets > der.length) {
                    return null;
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = length << 8 | (der[at++] & 0xff);
                }
            }
            pos = at;
            if ((tag & 0x20) == 0) {
                pos += length;
            } else if ((tag & 0xc0) == 0 && (tag & 0x1f) != 0x10 && (tag & 0x1f) != 0x11) {
                return "a constructed universal type " + (tag & 0x1f) + " (BER, not DER)";
            } else if (depth == max) {
                return "structures nested more than " + max + " deep";
            } else {
                ends[depth++] = pos + length;
            }
        }
        return null;
    }
}
