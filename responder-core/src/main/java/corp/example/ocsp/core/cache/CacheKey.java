package corp.example.ocsp.core.cache;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.request.RequestedCert;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;

/**
 * Which cached response answers a CertID: its issuer, serial, hash algorithm, and whether the hash
 * AlgorithmIdentifier had its NULL parameters (a response echoes the CertID byte for byte, so the
 * two encodings are two entries).
 */
public record CacheKey(Issuer issuer, BigInteger serial, HashAlgorithm algorithm, boolean parametersAbsent) {

    /**
     * The key of {@code cert} (of {@code issuer}'s, with a known hash algorithm), or empty when its
     * hashAlgorithm parameters are neither absent nor NULL, the two forms a key tells apart. An
     * answer echoes its request's CertID, so one for any other parameters is neither served from the
     * cache nor put in it: it was, and every later client got a CertID that was not the one it sent.
     */
    public static Optional<CacheKey> of(Issuer issuer, RequestedCert cert) {
        ASN1Encodable parameters = cert.certId().getHashAlgorithm().getParameters();
        if (parameters != null && !(parameters instanceof ASN1Null)) {
            return Optional.empty();
        }
        return Optional.of(
                new CacheKey(issuer, cert.serial(), cert.hashAlgorithm().orElseThrow(), parameters == null));
    }
}
