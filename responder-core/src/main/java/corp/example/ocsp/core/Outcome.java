package corp.example.ocsp.core;

/** What kind of answer a request got, for access logs and metrics. */
public enum Outcome {
    GOOD("good"),
    REVOKED("revoked"),
    UNKNOWN("unknown"),
    /** A successful response with several SingleResponses. */
    MULTIPLE("multiple"),
    MALFORMED_REQUEST("malformedRequest"),
    INTERNAL_ERROR("internalError"),
    TRY_LATER("tryLater"),
    SIG_REQUIRED("sigRequired"),
    UNAUTHORIZED("unauthorized");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The name used in logs and metric tags. */
    public String label() {
        return label;
    }

    /** True for a signed, successful response. */
    public boolean successful() {
        return ordinal() <= MULTIPLE.ordinal();
    }

    @Override
    public String toString() {
        return label;
    }
}
