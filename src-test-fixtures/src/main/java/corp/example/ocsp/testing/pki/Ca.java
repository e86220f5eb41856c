package corp.example.ocsp.testing.pki;

import java.security.KeyPair;
import org.bouncycastle.cert.X509CertificateHolder;

/** A CA certificate with its key: a root or an intermediate, which issues further certificates. */
public final class Ca extends CertBundle {

    Ca(X509CertificateHolder holder, KeyPair keyPair, KeyType keyType, Ca issuer) {
        super(holder, keyPair, keyType, issuer);
    }

    /** Starts an intermediate CA certificate signed by this CA. */
    public CaBuilder issueIntermediate(String commonName) {
        return new CaBuilder(commonName, this);
    }

    /** Starts a delegated OCSP responder certificate signed by this CA. */
    public CertBuilder issueOcspSigner(String commonName) {
        return CertBuilder.ocspSigner(commonName, this);
    }

    /** Starts an end-entity (TLS server) certificate signed by this CA. */
    public CertBuilder issueLeaf(String commonName) {
        return CertBuilder.leaf(commonName, this);
    }
}
