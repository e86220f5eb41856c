package corp.example.ocsp.store.crl;

import corp.example.ocsp.core.x509.BouncyCastle;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * Checks a CRL's signature with the issuer's public key. By default with the JDK's own providers,
 * which verify a million-entry CRL several times faster than Bouncy Castle (measured, see the
 * README); with Bouncy Castle for an algorithm the JDK lacks. The signed bytes are verified in place.
 */
final class CrlVerifier {
    /** Who computes the check. */
    enum Provider {
        JDK,
        BOUNCY_CASTLE
    }

    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private CrlVerifier() {}

    /**
     * Returns if {@code crl}'s signature verifies with {@code key}.
     *
     * @throws CrlException {@code "<where>: its signature does not verify with <whose>"}, or naming an
     *     algorithm that cannot be checked
     */
    static void verify(ParsedCrl crl, PublicKey key, String whose, Provider provider) {
        ParsedCrl.Signed s = crl.signed();
        AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(s.algorithm());
        boolean ok;
        try {
            Signature sig = signature(alg, provider);
            sig.initVerify(key);
            sig.update(s.der(), s.tbsFrom(), s.tbsTo() - s.tbsFrom());
            ok = sig.verify(s.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CrlException(
                    crl.where() + ": cannot check its signature ("
                            + alg.getAlgorithm().getId() + ") with " + whose + ": " + e.getMessage(),
                    e);
        }
        if (!ok) {
            throw new CrlException(crl.where() + ": its signature does not verify with " + whose);
        }
    }

    private static Signature signature(AlgorithmIdentifier alg, Provider provider) throws GeneralSecurityException {
        boolean pss = alg.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS);
        String name = pss ? "RSASSA-PSS" : NAMES.getAlgorithmName(alg.getAlgorithm());
        Signature sig;
        if (provider == Provider.BOUNCY_CASTLE) {
            sig = Signature.getInstance(name, BouncyCastle.provider());
        } else {
            try {
                sig = Signature.getInstance(name);
            } catch (NoSuchAlgorithmException jdkLacksIt) {
                sig = Signature.getInstance(name, BouncyCastle.provider());
            }
        }
        ASN1Encodable params = alg.getParameters();
        if (pss && params != null && !DERNull.INSTANCE.equals(params)) {
            AlgorithmParameters p = AlgorithmParameters.getInstance("RSASSA-PSS");
            try {
                p.init(params.toASN1Primitive().getEncoded());
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("bad RSASSA-PSS parameters: " + e.getMessage(), e);
            }
            sig.setParameter(p.getParameterSpec(PSSParameterSpec.class));
        }
        return sig;
    }
}
