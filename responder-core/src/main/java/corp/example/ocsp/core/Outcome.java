package corp.example.ocsp.core;

import corp.example.ocsp.core.response.ErrorStatus;

/** What kind of answer a request got, for access logs and metrics. */
public enum Outcome {
    GOOD("good", true),
    REVOKED("revoked", true),
    UNKNOWN("unknown", true),
    /** A successful response with several SingleResponses. */
    MULTIPLE("multiple", true),
    MALFORMED_REQUEST("malformedRequest", false),
    INTERNAL_ERROR("internalError", false),
    TRY_LATER("tryLater", false),
    SIG_REQUIRED("sigRequired", false),
    UNAUTHORIZED("unauthorized", false);

    private final String label;
    private final boolean successful;

    Outcome(String label, boolean successful) {
        this.label = label;
        this.successful = successful;
    }

    /** The outcome of an unsigned answer of {@code status}. */
    public static Outcome of(ErrorStatus status) {
        return switch (status) {
            case MALFORMED_REQUEST -> MALFORMED_REQUEST;
            case INTERNAL_ERROR -> INTERNAL_ERROR;
            case TRY_LATER -> TRY_LATER;
            case SIG_REQUIRED -> SIG_REQUIRED;
            case UNAUTHORIZED -> UNAUTHORIZED;
        };
    }

    /** The name used in logs and metric tags. */
    public String label() {
        return label;
    }

    /** True for a signed, successful response (an {@link OcspAnswer.Signed}). */
    public boolean successful() {
        return successful;
    }

    @Override
    public String toString() {
        return label;
    }
}
