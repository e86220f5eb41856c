package corp.example.ocsp.core;

import corp.example.ocsp.core.response.ErrorStatus;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
 * @param cacheable   true when an HTTP cache may keep it (RFC 9919 §6): a signed, authoritative
 *                    (good or revoked) answer for one CertID without a nonce
 * @param refreshAt   when a cacheable answer will be replaced by a newer one (so HTTP caches should
 *                    not keep it longer); empty when not cacheable
 * @param etag        the quoted hex SHA-256 of {@code der} for cacheable answers, computed once; empty
 *                    otherwise
 * @param serials     the requested serials in hex, for the access log
 * @param detail      why, for logs (e.g. what was malformed); empty when there is nothing to add
 * @param signerExpiry the notAfter of the certificate whose key signed it; past it the answer is not
 *                    served from the cache (clients would refuse it); empty for error statuses
 */
public record OcspAnswer(
        byte[] der, Outcome outcome, Optional<Instant> thisUpdate, Optional<Instant> nextUpdate,
        Optional<Instant> producedAt, boolean cacheable, Optional<Instant> refreshAt, Optional<String> etag,
        List<String> serials, String detail, Optional<Instant> signerExpiry) {
    public OcspAnswer {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(outcome, "outcome");
        serials = List.copyOf(serials);
    }

    /** The unsigned answer {@code status}, for {@code detail}. */
    public static OcspAnswer error(ErrorStatus status, List<String> serials, String detail) {
        return new OcspAnswer(status.der(), outcomeOf(status), Optional.empty(), Optional.empty(), Optional.empty(),
                false, Optional.empty(), Optional.empty(), serials, detail, Optional.empty());
    }

    /** A signed answer; {@code refreshAt} non-null makes it cacheable, with its ETag computed now. */
    static OcspAnswer signed(byte[] der, Outcome outcome, Instant thisUpdate, Instant nextUpdate, Instant producedAt,
            Instant refreshAt, List<String> serials, Instant signerExpiry) {
        boolean cacheable = refreshAt != null;
        return new OcspAnswer(der, outcome, Optional.of(thisUpdate), Optional.of(nextUpdate),
                Optional.of(producedAt), cacheable, Optional.ofNullable(refreshAt),
                cacheable ? Optional.of(etag(der)) : Optional.empty(), serials, "", Optional.of(signerExpiry));
    }

    /** The same answer for other serial labels (a cached answer keeps its bytes). */
    OcspAnswer withSerials(List<String> serials) {
        return new OcspAnswer(der, outcome, thisUpdate, nextUpdate, producedAt, cacheable, refreshAt, etag, serials,
                detail, signerExpiry);
    }

    /** The quoted hex SHA-256 of {@code der} (RFC 9919 §6 RECOMMENDED ETag). */
    public static String etag(byte[] der) {
        try {
            return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
