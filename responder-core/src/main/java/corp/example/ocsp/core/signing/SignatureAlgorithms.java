package corp.example.ocsp.core.signing;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * The signature algorithm that follows a key: P-256 SHA256withECDSA, P-384 SHA384withECDSA, P-521
 * SHA512withECDSA, RSA SHA256withRSA, Ed25519, ML-DSA-44/65/87 (FIPS 204, pure mode, empty
 * context). The AlgorithmIdentifier encodings are the ones BR 7.1.3.2 lists (ECDSA without
 * parameters, RSA with NULL parameters); ML-DSA's have no parameters (RFC 9881).
 */
final class SignatureAlgorithms {
    private SignatureAlgorithms() {}

    /** The JCA name of the algorithm for this key, or empty with no supported algorithm. */
    static Optional<String> jcaNameFor(PublicKey key, SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier keyAlgorithm = info.getAlgorithm().getAlgorithm();
        if (EdECObjectIdentifiers.id_Ed25519.equals(keyAlgorithm)) {
            return Optional.of("Ed25519");
        }
        Optional<String> mlDsa = mlDsa(keyAlgorithm);
        if (mlDsa.isPresent()) {
            return mlDsa;
        }
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() >= 2048 ? Optional.of("SHA256withRSA") : Optional.empty();
        }
        if (key instanceof ECPublicKey && info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
            if (curve.equals(SECObjectIdentifiers.secp256r1)) {
                return Optional.of("SHA256withECDSA");
            } else if (curve.equals(SECObjectIdentifiers.secp384r1)) {
                return Optional.of("SHA384withECDSA");
            } else if (curve.equals(SECObjectIdentifiers.secp521r1)) {
                return Optional.of("SHA512withECDSA");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mlDsa(ASN1ObjectIdentifier keyAlgorithm) {
        if (NISTObjectIdentifiers.id_ml_dsa_44.equals(keyAlgorithm)) {
            return Optional.of("ML-DSA-44");
        } else if (NISTObjectIdentifiers.id_ml_dsa_65.equals(keyAlgorithm)) {
            return Optional.of("ML-DSA-65");
        } else if (NISTObjectIdentifiers.id_ml_dsa_87.equals(keyAlgorithm)) {
            return Optional.of("ML-DSA-87");
        }
        return Optional.empty();
    }

    /** Whether {@code jcaName} (one of {@link #jcaNameFor}'s) is ML-DSA, which only Bouncy Castle signs. */
    static boolean isMlDsa(String jcaName) {
        return jcaName.startsWith("ML-DSA");
    }

    /**
     * The JCA key algorithm that signs with {@code jcaName} (one of {@link #jcaNameFor}'s): EC, RSA,
     * Ed25519 or the ML-DSA parameter set's name.
     */
    static String keyAlgorithm(String jcaName) {
        if (jcaName.endsWith("withECDSA")) {
            return "EC";
        }
        return jcaName.endsWith("withRSA") ? "RSA" : jcaName;
    }

    static AlgorithmIdentifier identifier(String jcaName) {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(jcaName);
    }
}
