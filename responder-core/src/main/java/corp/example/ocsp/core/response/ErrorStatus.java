package corp.example.ocsp.core.response;

/**
 * The OCSPResponseStatus values other than successful (RFC 6960 §4.2.1), each with its complete,
 * pre-encoded response: {@code 30 03 0a 01 0N}, unsigned and without responseBytes (§2.3).
 */
public enum ErrorStatus {
    MALFORMED_REQUEST(1, "malformedRequest"),
    INTERNAL_ERROR(2, "internalError"),
    TRY_LATER(3, "tryLater"),
    SIG_REQUIRED(5, "sigRequired"),
    UNAUTHORIZED(6, "unauthorized");

    private final int code;
    private final String label;
    private final byte[] der;

    ErrorStatus(int code, String label) {
        this.code = code;
        this.label = label;
        this.der = new byte[] {0x30, 0x03, 0x0a, 0x01, (byte) code};
    }

    /** The OCSPResponseStatus ENUMERATED value. */
    public int code() {
        return code;
    }

    /** The RFC 6960 name, as {@code openssl ocsp} prints it. */
    public String label() {
        return label;
    }

    /** The whole DER OCSPResponse (a copy; five bytes). */
    public byte[] der() {
        return der.clone();
    }

    @Override
    public String toString() {
        return label;
    }
}
