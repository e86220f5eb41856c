package corp.example.ocsp.store.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * A cursor over DER: reads one TLV at a time in place, without building objects for what it skips,
 * so a CRL of a million entries is walked in one pass over its bytes. Definite lengths only (DER);
 * anything else is a {@link CrlException} naming what was being read.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int ENUMERATED = 0x0A;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int BOOLEAN = 0x01;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'");

    private final byte[] b;
    private final String what;
    private int pos;
    private final int end;

    /** A cursor over {@code b[from, to)}; {@code what} names the content in messages. */
    Der(byte[] b, int from, int to, String what) {
        this.b = b;
        this.pos = from;
        this.end = to;
        this.what = what;
    }

    boolean more() {
        return pos < end;
    }

    /** The tag of the next TLV, without moving; -1 at the end. */
    int peekTag() {
        return pos < end ? b[pos] & 0xFF : -1;
    }

    int position() {
        return pos;
    }

    /** The next TLV, which must have tag {@code tag}; the cursor moves past it. */
    Tlv next(int tag) {
        Tlv t = next();
        if (t.tag != tag) {
            throw error("expected tag 0x" + Integer.toHexString(tag) + ", found 0x" + Integer.toHexString(t.tag));
        }
        return t;
    }

    /** The next TLV; the cursor moves past it. */
    Tlv next() {
        if (pos + 2 > end) {
            throw error("truncated at byte " + pos);
        }
        int start = pos;
        int tag = b[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw error("multi-byte tags are not used in CRLs (byte " + start + ")");
        }
        int len = b[pos++] & 0xFF;
        if (len >= 0x80) {
            int n = len & 0x7F;
            if (n == 0 || n > 4 || pos + n > end) {
                throw error("bad length at byte " + start);
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[pos++] & 0xFF);
            }
            if (len < 0) {
                throw error("bad length at byte " + start);
            }
        }
        if (len > end - pos) {
            throw error("truncated: a value of " + len + " bytes at byte " + start + " runs past the end");
        }
        Tlv t = new Tlv(tag, start, pos, pos + len);
        pos += len;
        return t;
    }

    /** A cursor over the content of {@code t}. */
    Der inside(Tlv t) {
        return new Der(b, t.from, t.to, what);
    }

    /** The underlying array (positions in {@link Tlv}s index it). */
    byte[] bytesArray() {
        return b;
    }

    byte[] bytes(Tlv t) {
        return Arrays.copyOfRange(b, t.from, t.to);
    }

    /** The whole TLV, tag and length included. */
    byte[] encoded(Tlv t) {
        return Arrays.copyOfRange(b, t.start, t.to);
    }

    BigInteger integer(Tlv t) {
        if (t.to == t.from) {
            throw error("empty INTEGER at byte " + t.start);
        }
        return new BigInteger(b, t.from, t.to - t.from);
    }

    /** The dotted form of an OBJECT IDENTIFIER. */
    String oid(Tlv t) {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = t.from; i < t.to; i++) {
            v = (v << 7) | (b[i] & 0x7F);
            if ((b[i] & 0x80) == 0) {
                if (first) {
                    int a = (int) Math.min(v / 40, 2);
                    sb.append(a).append('.').append(v - 40L * a);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            }
        }
        return sb.toString();
    }

    /** A UTCTime (1950–2049) or GeneralizedTime, as RFC 5280 writes them (seconds, Z). */
    Instant time(Tlv t) {
        String text = new String(b, t.from, t.to - t.from, java.nio.charset.StandardCharsets.US_ASCII);
        try {
            if (t.tag == UTC_TIME && text.length() == 13) {
                LocalDateTime d = LocalDateTime.parse(text, UTC);
                return (d.getYear() >= 2050 ? d.minusYears(100) : d).toInstant(ZoneOffset.UTC);
            }
            if (t.tag == GENERALIZED_TIME && text.length() == 15) {
                return LocalDateTime.parse(text, GENERALIZED).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            // below
        }
        throw error("'" + text + "' at byte " + t.start + " is not a UTCTime or GeneralizedTime");
    }

    boolean isTime() {
        int tag = peekTag();
        return tag == UTC_TIME || tag == GENERALIZED_TIME;
    }

    CrlException error(String problem) {
        return new CrlException(what + ": not a DER CRL: " + problem);
    }

    /** One TLV: its tag, where it starts, and where its content is ({@code from} to {@code to}). */
    record Tlv(int tag, int start, int from, int to) {
        int length() {
            return to - from;
        }
    }
}
