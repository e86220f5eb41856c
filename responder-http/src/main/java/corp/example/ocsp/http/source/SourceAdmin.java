package corp.example.ocsp.http.source;

import corp.example.ocsp.core.issuer.Issuer;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What the admin commands ask of a status source. Reads ({@code issuer list}, {@code status}) work
 * on every source; writes go through {@link #writes()}, which a source that is not the record of
 * issuance and revocation refuses. Messages of failures are one line a person can act on.
 */
public interface SourceAdmin extends AutoCloseable {

    /** Where the source is, for output lines ({@code jdbc:postgresql://db/ocsp}). */
    String where();

    /** The CAs the source holds certificates for, with how many. */
    List<HeldIssuer> issuers();

    /**
     * Lines for {@code issuer list} after the CAs: what the source holds that no configured CA
     * accounts for (a CFSSL certdb: certificates of a CA no responder answers for). Empty by default.
     */
    default List<String> unaccounted() {
        return List.of();
    }

    /**
     * One line saying what the source holds for {@code serial} of the CA labelled {@code issuerLabel}
     * (status, subject, expiry, as the source holds them), or empty when it holds nothing.
     */
    Optional<String> describe(String issuerLabel, BigInteger serial);

    /**
     * The writes ({@code db migrate}, {@code issuer add}, {@code cert add|import}, {@code revoke},
     * {@code unrevoke}).
     *
     * @throws WritesRefusedException when this source is not where those are recorded, with one
     *     line naming what to use instead (CFSSL: {@code cfssl revoke})
     */
    StatusWrites writes();

    @Override
    void close();

    /** A CA the source holds, and how many of its certificates. */
    record HeldIssuer(Issuer issuer, long certificates) {}
}
