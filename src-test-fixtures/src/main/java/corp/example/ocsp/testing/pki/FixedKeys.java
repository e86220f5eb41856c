package corp.example.ocsp.testing.pki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * EC P-256 key pairs that are the same on every run, derived from a label: for CAs whose
 * issuerKeyHash must not change, so that requests written to a file (a fuzzing seed corpus) still
 * name them in a later run. Never for anything but tests: the private key follows from the label.
 */
public final class FixedKeys {

    private FixedKeys() {}

    /** The P-256 key pair whose private scalar is SHA-256({@code label}) reduced into [1, n-1]. */
    public static KeyPair p256(String label) {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("secp256r1");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
            BigInteger n = curve.getN();
            BigInteger d =
                    new BigInteger(1, digest).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            KeyFactory factory = KeyFactory.getInstance("EC", TestPki.provider());
            return new KeyPair(
                    factory.generatePublic(
                            new ECPublicKeySpec(curve.getG().multiply(d).normalize(), curve)),
                    factory.generatePrivate(new ECPrivateKeySpec(d, curve)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive a P-256 key for " + label, e);
        }
    }
}
