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
 * A complete answer to one request: a {@link Signed} response, or an {@link Unsigned} error status.
 * Either way it is the DER OCSPResponse to send, what kind of answer it is, and the requested
 * serials in hex, for the access log.
 */
public sealed interface OcspAnswer permits OcspAnswer.Signed, OcspAnswer.Unsigned {

    /** The DER OCSPResponse to send. */
    byte[] der();

    /** What kind of answer it is, for logs and metrics. */
    Outcome outcome();

    /** The requested serials in hex, for the access log; empty when the request did not parse. */
    List<String> serials();

    /**
     * A signed, successful response.
     *
     * @param outcome      good, revoked, unknown, or multiple
     * @param thisUpdate   the SingleResponses' thisUpdate
     * @param nextUpdate   the SingleResponses' nextUpdate; past it the answer is never served
     * @param producedAt   when it was signed
     * @param signerExpiry the notAfter of the certificate whose key signed it; past it the answer is
     *                     not served from the cache (clients would refuse it)
     * @param caching      present when an HTTP cache may keep it (RFC 9919 §6): an authoritative (good
     *                     or revoked) answer for one CertID without a nonce; such answers are the ones
     *                     the responder caches too
     * @param cached       true when this answer was served from the responder's cache, signed earlier
     */
    record Signed(
            byte[] der,
            Outcome outcome,
            Instant thisUpdate,
            Instant nextUpdate,
            Instant producedAt,
            Instant signerExpiry,
            Optional<Caching> caching,
            List<String> serials,
            boolean cached)
            implements OcspAnswer {
        public Signed {
            Objects.requireNonNull(der, "der");
            Objects.requireNonNull(thisUpdate, "thisUpdate");
            Objects.requireNonNull(nextUpdate, "nextUpdate");
            Objects.requireNonNull(producedAt, "producedAt");
            Objects.requireNonNull(signerExpiry, "signerExpiry");
            Objects.requireNonNull(caching, "caching");
            if (!outcome.successful()) {
                throw new IllegalArgumentException("a signed answer cannot be " + outcome);
            }
            serials = List.copyOf(serials);
        }

        /** True when an HTTP cache (and the responder's own) may keep it. */
        public boolean cacheable() {
            return caching.isPresent();
        }

        /** When a cacheable answer will be replaced by a newer one; empty when not cacheable. */
        public Optional<Instant> refreshAt() {
            return caching.map(Caching::refreshAt);
        }

        /** The strong ETag of a cacheable answer; empty when not cacheable. */
        public Optional<String> etag() {
            return caching.map(Caching::etag);
        }

        /** This answer as the responder's cache serves it: the same bytes, {@link #cached()} true. */
        public Signed asCached() {
            return cached
                    ? this
                    : new Signed(
                            der, outcome, thisUpdate, nextUpdate, producedAt, signerExpiry, caching, serials, true);
        }
    }

    /**
     * What HTTP caches need of a cacheable answer.
     *
     * @param refreshAt when the answer will be replaced by a newer one, so HTTP caches should not keep
     *                  it longer
     * @param etag      the quoted hex SHA-256 of the answer's DER, computed once
     */
    record Caching(Instant refreshAt, String etag) {
        public Caching {
            Objects.requireNonNull(refreshAt, "refreshAt");
            Objects.requireNonNull(etag, "etag");
        }

        /** The caching of {@code der}, replaced at {@code refreshAt}; its ETag is computed now. */
        public static Caching of(Instant refreshAt, byte[] der) {
            return new Caching(refreshAt, OcspAnswer.etag(der));
        }
    }

    /**
     * An unsigned error status (RFC 6960 §2.3): never cached.
     *
     * @param status what went wrong
     * @param detail why, for logs (e.g. what was malformed)
     */
    record Unsigned(ErrorStatus status, List<String> serials, String detail) implements OcspAnswer {
        public Unsigned {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            serials = List.copyOf(serials);
        }

        @Override
        public byte[] der() {
            return status.der();
        }

        @Override
        public Outcome outcome() {
            return Outcome.of(status);
        }
    }

    /** The quoted hex SHA-256 of {@code der} (RFC 9919 §6 RECOMMENDED ETag). */
    static String etag(byte[] der) {
        try {
            return '"'
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(der))
                    + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
