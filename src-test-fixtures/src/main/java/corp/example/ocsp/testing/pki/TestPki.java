package corp.example.ocsp.testing.pki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Entry point of the test PKI: {@code TestPki.newRoot("Test Root").build()} makes a self-signed
 * root {@link Ca}, which then issues intermediates, OCSP signers and leaves.
 */
public final class TestPki {

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private TestPki() {}

    /** Starts a self-signed root CA whose subject is {@code CN=<commonName>} unless changed. */
    public static CaBuilder newRoot(String commonName) {
        return new CaBuilder(commonName, null);
    }

    /**
     * The Bouncy Castle provider the fixtures generate keys and sign with, passed by reference to
     * every builder that needs one. It is never registered with {@link java.security.Security}: the
     * tests run with the JVM's provider list as production has it, so code that finds a provider by
     * name, or relies on Bouncy Castle being registered, fails in the tests too.
     */
    public static Provider provider() {
        return PROVIDER;
    }
}
