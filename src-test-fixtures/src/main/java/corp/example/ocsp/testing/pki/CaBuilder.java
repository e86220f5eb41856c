package corp.example.ocsp.testing.pki;

import java.security.KeyPair;
import java.time.Duration;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds a CA certificate: a self-signed root ({@link TestPki#newRoot}) or an intermediate signed
 * by its parent ({@link Ca#issueIntermediate}). Both carry basicConstraints {@code CA:true}
 * (critical, no path length), keyUsage keyCertSign, cRLSign and digitalSignature (critical) and a
 * subject key identifier; an intermediate also an authority key identifier equal to its parent's
 * SKI.
 */
public final class CaBuilder extends AbstractCertBuilder<CaBuilder> {

    CaBuilder(String commonName, Ca issuer) {
        super(commonName, issuer, Duration.ofDays(365));
    }

    @Override
    void addRoleExtensions(X509v3CertificateBuilder builder) throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    }

    /** Generates the key pair (unless given) and signs the CA certificate. */
    public Ca build() {
        KeyPair keys = keyPairToCertify();
        return new Ca(sign(keys), keys, keyType(), issuer);
    }
}
