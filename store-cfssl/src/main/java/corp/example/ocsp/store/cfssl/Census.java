package corp.example.ocsp.store.cfssl;

import corp.example.ocsp.core.issuer.Issuer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

/** Counts a certdb's rows per CA: one GROUP BY over the AKIs, and a read of the PEMs whose AKI is empty. */
final class Census {
    private static final String UNREADABLE = "(unreadable pem)";

    private Census() {}

    static CertdbCensus take(Connection c, Dialect dialect, List<Issuer> issuers, PemCheck pems) throws SQLException {
        Map<String, Issuer> bySki = new LinkedHashMap<>();
        issuers.forEach(i -> bySki.putIfAbsent(pems.keyId(i), i));
        Map<Issuer, Long> held = new LinkedHashMap<>();
        issuers.forEach(i -> held.put(i, 0L));
        Map<String, Long> unknownAkis = new LinkedHashMap<>();
        Map<String, Long> unknownIssuers = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT authority_key_identifier, COUNT(*) AS n"
                        + " FROM certificates GROUP BY authority_key_identifier");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String aki = dialect.text(rs, "authority_key_identifier");
                if (aki != null && !aki.isEmpty()) {
                    Issuer i = bySki.get(aki.toLowerCase(java.util.Locale.ROOT));
                    if (i != null) {
                        held.merge(i, rs.getLong("n"), Long::sum);
                    } else {
                        unknownAkis.merge(aki.toLowerCase(java.util.Locale.ROOT), rs.getLong("n"), Long::sum);
                    }
                }
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pem FROM certificates WHERE authority_key_identifier = ?")) {
            dialect.bindText(ps, 1, "");
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<X509CertificateHolder> pem = PemCheck.certificate(dialect.text(rs, "pem"));
                    Optional<Issuer> owner = pem.flatMap(p -> owner(p, issuers, bySki, pems));
                    if (owner.isPresent()) {
                        held.merge(owner.get(), 1L, Long::sum);
                    } else {
                        unknownIssuers.merge(
                                pem.map(p -> p.getIssuer().toString()).orElse(UNREADABLE), 1L, Long::sum);
                    }
                }
            }
        }
        return new CertdbCensus(held, unknownAkis, unknownIssuers);
    }

    /** The CA of a PEM: by its AKI extension when it has one, else by who signed it. */
    private static Optional<Issuer> owner(
            X509CertificateHolder pem, List<Issuer> issuers, Map<String, Issuer> bySki, PemCheck pems) {
        Extension ext = pem.getExtension(Extension.authorityKeyIdentifier);
        if (ext != null) {
            byte[] id = AuthorityKeyIdentifier.getInstance(ext.getParsedValue()).getKeyIdentifier();
            if (id != null) {
                Issuer i = bySki.get(HexFormat.of().formatHex(id));
                return i != null && Arrays.equals(i.subjectDer(), subject(pem)) ? Optional.of(i) : Optional.empty();
            }
        }
        return issuers.stream().filter(i -> pems.signedBy(i, pem)).findFirst();
    }

    private static byte[] subject(X509CertificateHolder pem) {
        try {
            return pem.getIssuer().getEncoded("DER");
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
