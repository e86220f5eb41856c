package corp.example.ocsp.store.cfssl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * The checks that tie a row to a CA and a serial: the CA's subject key identifier (the AKI CFSSL
 * records), whether a row's PEM was signed by the CA (for rows with an empty AKI; checked once per
 * CA and serial, remembered) and the PEM's own serial. Thread-safe.
 */
final class PemCheck {
    private static final HexFormat HEX = HexFormat.of();

    private record Signed(String issuerId, BigInteger serial) {}

    private final Map<Issuer, String> keyIds = new ConcurrentHashMap<>();
    private final Cache<Signed, Boolean> signed =
            Caffeine.newBuilder().maximumSize(1_000_000).build();

    /**
     * The CA's subject key identifier as CFSSL records a leaf's AKI: lower-case hex of the CA
     * certificate's SKI extension, or of the SHA-1 of its public key when it has none (RFC 5280
     * §4.2.1.2 method 1, what Go derives).
     */
    String keyId(Issuer issuer) {
        return keyIds.computeIfAbsent(issuer, i -> {
            Extension ext = i.certificate().getExtension(Extension.subjectKeyIdentifier);
            byte[] id = ext == null
                    ? i.keyHash(HashAlgorithm.SHA1)
                    : SubjectKeyIdentifier.getInstance(ext.getParsedValue()).getKeyIdentifier();
            return HEX.formatHex(id);
        });
    }

    /** The certificate of a row's PEM, or empty if it holds none. */
    static Optional<X509CertificateHolder> certificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            return o instanceof X509CertificateHolder h ? Optional.of(h) : Optional.empty();
        } catch (IOException | RuntimeException e) { // a damaged PEM is no certificate
            return Optional.empty();
        }
    }

    /** True if {@code issuer} signed {@code certificate}; remembered per CA and serial. */
    boolean signedBy(Issuer issuer, X509CertificateHolder certificate) {
        return signed.get(new Signed(issuer.id(), certificate.getSerialNumber()), k -> issuer.issued(certificate));
    }
}
