package corp.example.ocsp.store.postgres;

import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** CA and leaf certificates (EC P-256) for store tests. */
final class TestCerts {
    private static final Provider BC = TestPki.provider();

    record Ca(X509CertificateHolder cert, KeyPair key) {
        X500Name name() {
            return cert.getSubject();
        }
    }

    private TestCerts() {}

    static Ca ca(String cn) {
        KeyPair key = newKey();
        X500Name name = new X500Name("CN=" + cn + ",O=Store Test");
        return new Ca(build(name, key, name, key, BigInteger.ONE, true), key);
    }

    static X509CertificateHolder leaf(Ca ca, BigInteger serial) {
        return build(ca.name(), ca.key(), new X500Name("CN=leaf " + serial + ",O=Store Test"), newKey(), serial, false);
    }

    /** A certificate that names {@code ca} as issuer but is signed by another key. */
    static X509CertificateHolder forgedLeaf(Ca ca, BigInteger serial) {
        return build(ca.name(), newKey(), new X500Name("CN=forged " + serial), newKey(), serial, false);
    }

    private static X509CertificateHolder build(
            X500Name issuer, KeyPair issuerKey, X500Name subject, KeyPair subjectKey, BigInteger serial, boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer,
                    serial,
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(90))),
                    subject,
                    subjectKey.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(BC)
                    .build(issuerKey.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test certificate", e);
        }
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
