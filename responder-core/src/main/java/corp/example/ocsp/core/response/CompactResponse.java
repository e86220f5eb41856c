package corp.example.ocsp.core.response;

import corp.example.ocsp.core.signing.ResponderSigner;
import java.util.Arrays;

/**
 * A signed OCSPResponse without its {@code BasicOCSPResponse.certs}: the tbsResponseData, the
 * signatureAlgorithm and the signature, as a store of many responses keeps them (the certs field is
 * the signer's, the same in every response it signs, about two thirds of a P-256 response).
 * {@link #join} puts the two back together byte for byte: DER has one encoding, so the lengths
 * around them follow from theirs.
 */
public final class CompactResponse {
    private static final int SEQUENCE = 0x30;
    private static final int CONTEXT_0 = 0xA0;

    private CompactResponse() {}

    /** The tbsResponseData, signatureAlgorithm and signature of the successful DER OCSPResponse {@code der}. */
    public static byte[] body(byte[] der) {
        Basic b = Basic.of(der);
        return Arrays.copyOfRange(der, b.start, b.certsStart);
    }

    /** The {@code [0] certs} field of {@code der}, whole; empty when it has none (the CA signs itself). */
    public static byte[] certs(byte[] der) {
        Basic b = Basic.of(der);
        return Arrays.copyOfRange(der, b.certsStart, b.end);
    }

    /** The {@code [0] certs} field every response {@code signer} signs carries (empty for a CA's own key). */
    public static byte[] certs(ResponderSigner signer) {
        return new ResponseEncoder(signer, false).certs();
    }

    /** The whole DER OCSPResponse of {@code body} (from {@link #body}) and {@code certs}. */
    public static byte[] join(byte[] body, byte[] certs) {
        return ResponseEncoder.successful(ResponseEncoder.tlv(SEQUENCE, body, certs));
    }

    /** Where the BasicOCSPResponse's fields are in a DER OCSPResponse. */
    private record Basic(int start, int certsStart, int end) {
        static Basic of(byte[] der) {
            try {
                int[] outer = header(der, 0, SEQUENCE);
                int at = outer[0];
                if (der[at] != 0x0a || der[at + 1] != 1 || der[at + 2] != 0) {
                    throw new IllegalArgumentException("not a successful OCSPResponse");
                }
                int[] tagged = header(der, at + 3, CONTEXT_0);
                int[] responseBytes = header(der, tagged[0], SEQUENCE);
                int[] oid = header(der, responseBytes[0], 0x06);
                int[] octets = header(der, oid[1], 0x04);
                int[] basic = header(der, octets[0], SEQUENCE);
                int fieldAt = basic[0];
                for (int i = 0; i < 3; i++) { // tbsResponseData, signatureAlgorithm, signature
                    fieldAt = header(der, fieldAt, der[fieldAt] & 0xff)[1];
                }
                if (basic[1] != der.length || (fieldAt < basic[1] && (der[fieldAt] & 0xff) != CONTEXT_0)) {
                    throw new IllegalArgumentException("not a DER BasicOCSPResponse");
                }
                return new Basic(basic[0], fieldAt, basic[1]);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("truncated OCSPResponse", e);
            }
        }

        /** The start and end of the contents of the TLV at {@code at}, which must have {@code tag}. */
        private static int[] header(byte[] der, int at, int tag) {
            if ((der[at] & 0xff) != tag) {
                throw new IllegalArgumentException("unexpected tag " + (der[at] & 0xff) + " at " + at);
            }
            int first = der[at + 1] & 0xff;
            int start = at + 2;
            int length = first;
            if (first >= 0x80) {
                int octets = first & 0x7f;
                if (octets < 1 || octets > 4) {
                    throw new IllegalArgumentException("unsupported length at " + at);
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[start++] & 0xff);
                }
            }
            if (length < 0 || start + length > der.length) {
                throw new IllegalArgumentException("length past the end at " + at);
            }
            return new int[] {start, start + length};
        }
    }
}
