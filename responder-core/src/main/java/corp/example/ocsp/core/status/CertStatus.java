package corp.example.ocsp.core.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StatusSource} knows of one serial number of one issuer.
 *
 * <p>{@link NotKnown} means the source has no record of the serial: the responder answers it by
 * its unknown-serial policy and never with {@code good}.
 */
public sealed interface CertStatus permits CertStatus.Good, CertStatus.Revoked, CertStatus.NotKnown {

    /** The shared {@code good} value. */
    static CertStatus good() {
        return Good.INSTANCE;
    }

    /** The shared {@code not known} value. */
    static CertStatus notKnown() {
        return NotKnown.INSTANCE;
    }

    /** A revocation at {@code revokedAt} for {@code reason} (may be null: no reason given). */
    static CertStatus revoked(Instant revokedAt, RevocationReason reason) {
        return new Revoked(revokedAt, Optional.ofNullable(reason), Optional.empty());
    }

    /** Issued and not revoked. */
    enum Good implements CertStatus {
        INSTANCE;

        @Override
        public String toString() {
            return "good";
        }
    }

    /** Never issued, or not recorded by the source. */
    enum NotKnown implements CertStatus {
        INSTANCE;

        @Override
        public String toString() {
            return "not known";
        }
    }

    /**
     * Revoked at {@code revokedAt}, with an optional CRL reason and an optional invalidity date
     * (when the key is known or suspected to have been compromised).
     */
    record Revoked(Instant revokedAt, Optional<RevocationReason> reason, Optional<Instant> invalidityDate)
            implements CertStatus {
        public Revoked {
            Objects.requireNonNull(revokedAt, "revokedAt");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(invalidityDate, "invalidityDate");
        }

        @Override
        public String toString() {
            return "revoked at " + revokedAt
                    + reason.map(r -> " (" + r.label() + ")").orElse("");
        }
    }
}
