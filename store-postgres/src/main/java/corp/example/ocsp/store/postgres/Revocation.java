package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.RevocationReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link StoreAdmin#revoke} records: a reason (or none), a time (now unless given) and an
 * optional invalidity date.
 *
 * <pre>{@code
 * Revocation.because(RevocationReason.KEY_COMPROMISE).invalidSince(leakedAt)
 * }</pre>
 */
public record Revocation(
        Optional<RevocationReason> reason, Optional<Instant> revokedAt, Optional<Instant> invalidityDate) {

    public Revocation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(invalidityDate, "invalidityDate");
    }

    /** Revoked now, for {@code reason}. */
    public static Revocation because(RevocationReason reason) {
        return new Revocation(Optional.of(reason), Optional.empty(), Optional.empty());
    }

    /** Revoked now, no reason given. */
    public static Revocation withoutReason() {
        return new Revocation(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same revocation recorded at {@code time} instead of now. */
    public Revocation at(Instant time) {
        return new Revocation(reason, Optional.of(time), invalidityDate);
    }

    /** The same revocation with the date from which the key is known or suspected to be compromised. */
    public Revocation invalidSince(Instant date) {
        return new Revocation(reason, revokedAt, Optional.of(date));
    }
}
