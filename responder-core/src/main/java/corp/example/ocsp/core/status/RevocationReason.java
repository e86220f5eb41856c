package corp.example.ocsp.core.status;

import java.util.Optional;

/** CRLReason values (RFC 5280 §5.3.1). Code 7 is unused by the standard. */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    CERTIFICATE_HOLD(6, "certificateHold"),
    REMOVE_FROM_CRL(8, "removeFromCRL"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String label;

    RevocationReason(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The CRLReason ENUMERATED value. */
    public int code() {
        return code;
    }

    /** The RFC 5280 name, as OpenSSL's index.txt and {@code openssl ocsp} print it. */
    public String label() {
        return label;
    }

    /** The reason with this CRLReason value, if any. */
    public static Optional<RevocationReason> ofCode(int code) {
        for (RevocationReason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The reason named {@code text}: the RFC 5280 name ({@code keyCompromise}), in any case, or the
     * enum constant name ({@code KEY_COMPROMISE}), or the number.
     */
    public static Optional<RevocationReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        for (RevocationReason r : values()) {
            if (r.label.equalsIgnoreCase(t) || r.name().equalsIgnoreCase(t.replace('-', '_'))) {
                return Optional.of(r);
            }
        }
        if (t.matches("\\d{1,2}")) {
            return ofCode(Integer.parseInt(t));
        }
        return Optional.empty();
    }

    /** All accepted names, for error messages. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (RevocationReason r : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(r.label);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return label;
    }
}
