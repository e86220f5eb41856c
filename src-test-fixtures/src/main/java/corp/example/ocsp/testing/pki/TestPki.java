package corp.example.ocsp.testing.pki;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Entry point of the test PKI: {@code TestPki.newRoot("Test Root").build()} makes a self-signed
 * root {@link Ca}, which then issues intermediates, OCSP signers and leaves.
 */
public final class TestPki {

  private static final Provider PROVIDER = bouncyCastle();

  private TestPki() {}

  /** Starts a self-signed root CA whose subject is {@code CN=<commonName>} unless changed. */
  public static CaBuilder newRoot(String commonName) {
    return new CaBuilder(commonName, null);
  }

  /**
   * The Bouncy Castle provider the fixtures generate keys and sign with: the one already
   * registered as {@code "BC"} if there is one, else a new instance, which is then registered
   * (appended, so it changes no default).
   */
  public static Provider provider() {
    return PROVIDER;
  }

  private static synchronized Provider bouncyCastle() {
    Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (registered instanceof BouncyCastleProvider) {
      return registered;
    }
    Provider fresh = new BouncyCastleProvider();
    if (registered == null) {
      Security.addProvider(fresh);
    }
    return fresh;
  }
}
