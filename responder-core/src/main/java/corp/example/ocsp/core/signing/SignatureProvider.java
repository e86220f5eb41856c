package corp.example.ocsp.core.signing;

import java.util.Locale;
import java.util.Optional;

/**
 * Which code computes signatures. Keys are loaded and checked with Bouncy Castle either way, and
 * the responses are the same bytes up to the signature value.
 */
public enum SignatureProvider {
    /** AWS-LC where its native library loads and offers the key's algorithm, else Bouncy Castle. */
    AUTO,
    /**
     * AWS-LC, native code, through the Amazon Corretto Crypto Provider: P-256 signing about five
     * times Bouncy Castle's speed. Refused where the library does not load.
     */
    AWS_LC,
    /** Bouncy Castle, pure Java, on every platform. */
    BOUNCYCASTLE;

    /** Why AWS-LC cannot sign on this machine (its native library did not load...), or empty when it can. */
    public static Optional<String> awsLcUnavailableBecause() {
        return SigningProviders.awsLcUnavailableBecause();
    }

    /** The name in configuration files and messages: auto, aws-lc, bouncycastle. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
