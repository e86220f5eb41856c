package corp.example.ocsp.core.status;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Serial numbers as people write them: the one format of logs, messages, the command line and the
 * store ({@link #hex}), and the forms an operator may type ({@link #parseHex}).
 */
public final class SerialNumbers {
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();
    private static final Pattern HEX_DIGITS = Pattern.compile("-?[0-9a-fA-F]+");
    private static final int MAX_OCTETS = 64;

    private SerialNumbers() {}

    /**
     * {@code serial} as OpenSSL prints it (x509 -serial, index.txt): upper-case hex in whole octets,
     * with a minus sign if negative.
     */
    public static String hex(BigInteger serial) {
        // from the octets, not toString(16): its radix conversion by division was 9 % of the event
        // loops' profile under nonce load (every request's serial is logged)
        byte[] octets = serial.abs().toByteArray();
        int from = octets.length > 1 && octets[0] == 0 ? 1 : 0; // the sign octet of a positive number
        String h = UPPER_HEX.formatHex(octets, from, octets.length);
        return serial.signum() < 0 ? "-" + h : h;
    }

    /**
     * The serial written as hex digits: {@code 1A2B}, {@code 0x1a2b}, {@code 1a:2b} or {@code 1a 2b};
     * a leading {@code -} for the rare negative serial.
     *
     * @throws IllegalArgumentException naming the text if it is not such a number, or longer than 64
     *     octets
     */
    public static BigInteger parseHex(String text) {
        String t = text == null ? "" : text.trim();
        boolean negative = t.startsWith("-");
        String digits = (negative ? t.substring(1) : t).replace(":", "").replace(" ", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || !HEX_DIGITS.matcher(digits).matches() || digits.startsWith("-")) {
            throw new IllegalArgumentException(
                    "malformed serial '" + text + "': expected hex digits such as 1A2B or 0x1a2b");
        }
        BigInteger value = new BigInteger(digits, 16);
        BigInteger serial = negative ? value.negate() : value;
        if (serial.toByteArray().length > MAX_OCTETS) {
            throw new IllegalArgumentException(
                    "malformed serial '" + text + "': longer than " + MAX_OCTETS + " octets");
        }
        return serial;
    }
}
