package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.request.RequestedCert;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Serial numbers as the store keeps them (the INTEGER's content octets, minimal two's complement)
 * and as people write them (hex).
 */
public final class Serials {
    private static final Pattern HEX = Pattern.compile("-?[0-9a-fA-F]+");
    private static final int MAX_OCTETS = 64;

    private Serials() {
    }

    /**
     * The serial written as hex digits: {@code 1A2B}, {@code 0x1a2b}, {@code 1a:2b} or {@code 1a 2b};
     * a leading {@code -} for the rare negative serial.
     *
     * @throws StoreException naming the text if it is not such a number
     */
    public static BigInteger parseHex(String text) {
        String t = text == null ? "" : text.trim();
        boolean negative = t.startsWith("-");
        String digits = (negative ? t.substring(1) : t).replace(":", "").replace(" ", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || !HEX.matcher(digits).matches() || digits.startsWith("-")) {
            throw new StoreException("malformed serial '" + text + "': expected hex digits such as 1A2B or 0x1a2b");
        }
        BigInteger value = new BigInteger(digits, 16);
        BigInteger serial = negative ? value.negate() : value;
        if (serial.toByteArray().length > MAX_OCTETS) {
            throw new StoreException("malformed serial '" + text + "': longer than " + MAX_OCTETS + " octets");
        }
        return serial;
    }

    /** Upper-case hex, as OpenSSL prints serials; negative serials start with {@code -}. */
    public static String toHex(BigInteger serial) {
        return RequestedCert.hex(serial);
    }

    /** The stored form: the INTEGER's content octets. */
    static byte[] encode(BigInteger serial) {
        return serial.toByteArray();
    }

    static BigInteger decode(byte[] stored) {
        return new BigInteger(stored);
    }

    /** The stored form in hex, as the NOTIFY payload carries it. */
    static BigInteger decodeHex(String storedHex) {
        return decode(HexFormat.of().parseHex(storedHex));
    }
}
