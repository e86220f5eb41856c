package corp.example.ocsp.core;

import corp.example.ocsp.core.response.ErrorStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete answer to one request.
 *
 * @param der         the DER OCSPResponse to send
 * @param outcome     what kind of answer it is
 * @param thisUpdate  the SingleResponses' thisUpdate; empty for error statuses
 * @param nextUpdate  the SingleResponses' nextUpdate; empty for error statuses
 * @param producedAt  when it was signed; empty for error statuses
 * @param cacheable   true when an HTTP cache may keep it until nextUpdate (RFC 9919 §6): a signed,
 *                    authoritative (good or revoked) answer for one CertID without a nonce
 * @param serials     the requested serials in hex, for the access log
 * @param detail      why, for logs (e.g. what was malformed); empty when there is nothing to add
 */
public record OcspAnswer(
        byte[] der, Outcome outcome, Optional<Instant> thisUpdate, Optional<Instant> nextUpdate,
        Optional<Instant> producedAt, boolean cacheable, List<String> serials, String detail) {
    public OcspAnswer {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(outcome, "outcome");
        serials = List.copyOf(serials);
    }

    /** The unsigned answer {@code status}, for {@code detail}. */
    public static OcspAnswer error(ErrorStatus status, List<String> serials, String detail) {
        return new OcspAnswer(status.der(), outcomeOf(status), Optional.empty(), Optional.empty(), Optional.empty(),
                false, serials, detail);
    }

    private static Outcome outcomeOf(ErrorStatus status) {
        return switch (status) {
            case MALFORMED_REQUEST -> Outcome.MALFORMED_REQUEST;
            case INTERNAL_ERROR -> Outcome.INTERNAL_ERROR;
            case TRY_LATER -> Outcome.TRY_LATER;
            case SIG_REQUIRED -> Outcome.SIG_REQUIRED;
            case UNAUTHORIZED -> Outcome.UNAUTHORIZED;
        };
    }
}
