package corp.example.ocsp.store.crl;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.x509.CertificateFileException;
import corp.example.ocsp.core.x509.CertificateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Whose CRLs are believed: the CA's own, or those of the indirect CRL issuer configured for it. A CRL
 * is used only when its issuer name is that issuer's subject and its signature verifies with that
 * issuer's key (with the JDK's providers: {@link CrlVerifier}).
 */
final class CrlTrust {
    private final byte[] subject;
    private final PublicKey key;
    private final String whose;

    private CrlTrust(byte[] subject, PublicKey key, String whose) {
        this.subject = subject;
        this.key = key;
        this.whose = whose;
    }

    /** The CA's own CRLs, or {@code crlIssuer}'s (a certificate file) for an indirect CRL. */
    static CrlTrust of(Issuer ca, Optional<Path> crlIssuer) {
        try {
            if (crlIssuer.isEmpty()) {
                return new CrlTrust(ca.subjectDer(), publicKey(ca.certificate()), "the public key of CA " + ca.label());
            }
            X509CertificateHolder c =
                    CertificateFiles.readPemOrDer(crlIssuer.get()).get(0);
            return new CrlTrust(
                    c.getSubject().getEncoded(), publicKey(c), "the public key of the CRL issuer " + crlIssuer.get());
        } catch (CertificateFileException e) {
            throw new CrlException("crlIssuer: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PublicKey publicKey(X509CertificateHolder c) {
        try {
            return new JcaX509CertificateConverter().getCertificate(c).getPublicKey();
        } catch (CertificateException e) {
            throw new CrlException("cannot read the public key of " + c.getSubject() + ": " + e.getMessage(), e);
        }
    }

    /** The issuer name (DER) CRLs must carry. */
    byte[] subject() {
        return subject.clone();
    }

    /**
     * {@code crl} once its issuer and signature are checked, without the signed bytes.
     *
     * @throws CrlException naming the CRL and what does not match
     */
    ParsedCrl verified(ParsedCrl crl) {
        if (!Arrays.equals(crl.issuer(), subject)) {
            throw new CrlException(crl.where() + ": issued by "
                    + org.bouncycastle.asn1.x500.X500Name.getInstance(crl.issuer())
                    + ", not by the issuer whose CRLs are configured here (" + whose.replace("the public key of ", "")
                    + ")");
        }
        CrlVerifier.verify(crl, key, whose, CrlVerifier.Provider.JDK);
        return crl.verified();
    }
}
