package corp.example.ocsp.http.server;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the {@code {base64}} part of {@code GET /{prefix}/{base64}} (RFC 6960 App. A.1): percent
 * escapes are decoded ({@code %2B %2F %3D}), a raw {@code /} is part of the base64 and a raw
 * {@code +} is a plus, never a space. base64url characters and missing padding are tolerated.
 * Nothing else is accepted: an empty, badly escaped or non-base64 path is undecodable.
 */
final class GetPathDecoder {
    private GetPathDecoder() {}

    /** The DER bytes, or empty when {@code encoded} is not percent-encoded base64. */
    static Optional<byte[]> decode(String encoded) {
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        // base64 characters are ASCII: collected as bytes, decoded without a String in between
        byte[] b64 = new byte[encoded.length() + 3];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                c = (char) (hi << 4 | lo);
                i += 2;
            }
            if (c == '-') {
                c = '+';
            } else if (c == '_') {
                c = '/';
            }
            if (c == '\r' || c == '\n') {
                continue; // base64 line breaks some clients leave in (percent-encoded)
            }
            if (c > 0x7f) {
                return Optional.empty();
            }
            b64[n++] = (byte) c;
        }
        while (n % 4 != 0) {
            b64[n++] = '=';
        }
        try {
            byte[] der = Base64.getDecoder().decode(n == b64.length ? b64 : Arrays.copyOf(b64, n));
            return der.length == 0 ? Optional.empty() : Optional.of(der);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
