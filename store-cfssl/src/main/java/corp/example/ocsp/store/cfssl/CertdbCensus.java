package corp.example.ocsp.store.cfssl;

import corp.example.ocsp.core.issuer.Issuer;
import java.util.Map;

/**
 * Whose certificates a certdb holds, for operators: per configured CA, how many rows are its (by AKI,
 * or for an empty AKI by the PEM's AKI extension or signature), and the rows of no configured CA,
 * grouped by their AKI, or for empty AKIs by the issuer name in the PEM.
 *
 * @param held             per configured CA, its rows
 * @param unknownAkis      per AKI (lower-case hex) that is no configured CA's SKI, its rows
 * @param unknownPemIssuer per issuer name of rows with an empty AKI signed by no configured CA, its
 *                         rows (a PEM that cannot be read counts under {@code (unreadable pem)})
 */
public record CertdbCensus(Map<Issuer, Long> held, Map<String, Long> unknownAkis, Map<String, Long> unknownPemIssuer) {
    public CertdbCensus {
        held = Map.copyOf(held);
        unknownAkis = Map.copyOf(unknownAkis);
        unknownPemIssuer = Map.copyOf(unknownPemIssuer);
    }
}
