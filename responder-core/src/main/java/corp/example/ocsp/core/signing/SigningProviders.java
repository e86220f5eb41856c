package corp.example.ocsp.core.signing;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import corp.example.ocsp.core.x509.BouncyCastle;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;

/**
 * Resolves a {@link SignatureProvider} to a JCA provider for one algorithm, and moves a private
 * key into it. AWS-LC is probed once: its native library either loads and passes its self-tests
 * here or it does not, and why it did not is kept for messages.
 */
final class SigningProviders {
    private static final AwsLc AWS_LC = AwsLc.probe();

    private SigningProviders() {}

    /** AWS-LC's provider when it works on this machine. */
    static Optional<Provider> awsLc() {
        return AWS_LC.provider();
    }

    /** Why AWS-LC is not available here, or empty when it is. */
    static Optional<String> awsLcUnavailableBecause() {
        return AWS_LC.provider().isPresent() ? Optional.empty() : Optional.of(AWS_LC.problem());
    }

    /** The provider that signs {@code algorithm} for {@code choice}; refusals name {@code source}. */
    static Provider resolve(SignatureProvider choice, String algorithm, String source) throws SignerLoadException {
        return resolve(choice, algorithm, source, awsLc(), AWS_LC.problem());
    }

    /** {@link #resolve(SignatureProvider, String, String)} with AWS-LC given, for tests. */
    static Provider resolve(
            SignatureProvider choice, String algorithm, String source, Optional<Provider> awsLc, String awsLcProblem)
            throws SignerLoadException {
        // AWS-LC must both sign with the algorithm and take the key (it has no Ed25519 key factory);
        // ML-DSA is Bouncy Castle's, the one implementation here whose responses were tested
        Optional<Provider> offered = awsLc.filter(p -> !SignatureAlgorithms.isMlDsa(algorithm)
                && p.getService("Signature", algorithm) != null
                && p.getService("KeyFactory", SignatureAlgorithms.keyAlgorithm(algorithm)) != null);
        switch (choice) {
            case BOUNCYCASTLE:
                return BouncyCastle.provider();
            case AWS_LC:
                if (awsLc.isEmpty()) {
                    throw SignerLoadException.ofProvider(
                            source + ": signing provider aws-lc does not work on this machine (" + awsLcProblem
                                    + "); choose the signing provider bouncycastle or auto");
                }
                return offered.orElseThrow(
                        () -> SignerLoadException.ofProvider(source + ": signing provider aws-lc has no " + algorithm
                                + "; choose the signing provider bouncycastle or auto"));
            case AUTO:
            default:
                return offered.orElse(BouncyCastle.provider());
        }
    }

    /**
     * {@code key}, for signing {@code algorithm}, as a key of {@code provider} (from its PKCS#8
     * encoding), so it signs natively.
     */
    static PrivateKey keyFor(Provider provider, PrivateKey key, String algorithm, String source)
            throws SignerLoadException {
        if (provider == BouncyCastle.provider()) {
            return key;
        }
        try {
            return KeyFactory.getInstance(SignatureAlgorithms.keyAlgorithm(algorithm), provider)
                    .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw SignerLoadException.ofProvider(
                    source + ": " + provider.getName() + " cannot take the private key (" + e.getMessage()
                            + "); choose the signing provider bouncycastle",
                    e);
        }
    }

    /** A short name for logs: "AWS-LC (AmazonCorrettoCryptoProvider 2.5.0)" or "Bouncy Castle 1.83". */
    static String describe(Provider provider) {
        if (provider == BouncyCastle.provider()) {
            return "Bouncy Castle " + provider.getVersionStr();
        }
        return provider.getName().startsWith("SunPKCS11")
                ? "PKCS#11 token (" + provider.getName() + ")"
                : "AWS-LC (" + provider.getName() + " " + provider.getVersionStr() + ")";
    }

    private record AwsLc(Optional<Provider> provider, String problem) {
        static AwsLc probe() {
            try {
                AmazonCorrettoCryptoProvider p = AmazonCorrettoCryptoProvider.INSTANCE;
                Throwable error = p.getLoadingError();
                if (error != null) {
                    return new AwsLc(Optional.empty(), "its native library did not load: " + error);
                }
                p.assertHealthy();
                return new AwsLc(Optional.of(p), "");
            } catch (RuntimeException | LinkageError e) {
                return new AwsLc(Optional.empty(), "it failed its checks: " + e);
            }
        }
    }
}
