package corp.example.ocsp.core.signing;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.x509.BouncyCastle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * The checks a signer passes before it signs anything, each refusal one line naming {@code source}:
 * the key matches the certificate (signed with the provider that will sign, verified with Bouncy
 * Castle), the certificate is the CA's own (with digitalSignature) or a delegated responder issued
 * by the CA with id-kp-OCSPSigning, and it is valid now.
 */
final class SignerChecks {
    private SignerChecks() {}

    /** The JCA signature algorithm for {@code certificate}'s key. */
    static String algorithmFor(String source, X509CertificateHolder certificate) throws SignerLoadException {
        PublicKey publicKey = publicKey(source, certificate);
        return SignatureAlgorithms.jcaNameFor(publicKey, certificate.getSubjectPublicKeyInfo())
                .orElseThrow(
                        () -> new SignerLoadException(
                                source + ": unsupported key "
                                        + certificate
                                                .getSubjectPublicKeyInfo()
                                                .getAlgorithm()
                                                .getAlgorithm()
                                                .getId()
                                        + " (use EC P-256, P-384, P-521, RSA of 2048 bits or more, Ed25519, or ML-DSA-44, -65 or -87)"));
    }

    /**
     * Checks {@code certificate} and {@code signingKey} as signer of {@code ca}'s responses; true
     * when it is a delegated responder, false when it is the CA itself.
     */
    static boolean check(
            String source,
            X509CertificateHolder certificate,
            PrivateKey signingKey,
            String algorithmName,
            Provider signing,
            Issuer ca,
            Clock clock)
            throws SignerLoadException {
        // signs with the provider that will sign responses, verifies with Bouncy Castle
        checkKeyMatches(source, algorithmName, signing, signingKey, publicKey(source, certificate));

        boolean isCa = certificate.getSubject().equals(ca.certificate().getSubject())
                && certificate.getSubjectPublicKeyInfo().equals(ca.certificate().getSubjectPublicKeyInfo());
        if (isCa) {
            KeyUsage usage = KeyUsage.fromExtensions(certificate.getExtensions());
            if (usage != null && !usage.hasUsages(KeyUsage.digitalSignature)) {
                throw new SignerLoadException(source + ": the CA certificate of " + ca.label()
                        + " lacks keyUsage digitalSignature, so it cannot sign OCSP responses itself (BR 7.1.2.10.7)");
            }
        } else {
            checkIssuedBy(source, certificate, ca);
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
            if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
                throw new SignerLoadException(source + ": certificate " + certificate.getSubject()
                        + " has no extendedKeyUsage id-kp-OCSPSigning, so clients will reject its responses");
            }
        }
        Instant now = clock.instant();
        if (now.isBefore(certificate.getNotBefore().toInstant())
                || now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new SignerLoadException(source + ": certificate " + certificate.getSubject() + " is not valid now ("
                    + now + "); it is valid from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant());
        }
        return !isCa;
    }

    private static PublicKey publicKey(String source, X509CertificateHolder certificate) throws SignerLoadException {
        try {
            return new JcaX509CertificateConverter()
                    .setProvider(BouncyCastle.provider())
                    .getCertificate(certificate)
                    .getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new SignerLoadException(source + ": unreadable certificate: " + e.getMessage(), e);
        }
    }

    private static void checkKeyMatches(
            String source, String algorithmName, Provider provider, PrivateKey privateKey, PublicKey publicKey)
            throws SignerLoadException {
        byte[] probe = ("key check " + source).getBytes(StandardCharsets.UTF_8);
        try {
            Signature signer = Signature.getInstance(algorithmName, provider);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(algorithmName, BouncyCastle.provider());
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (verifier.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SignerLoadException(
                    source + ": the private key does not match the certificate's public key (" + e.getMessage() + ")",
                    e);
        }
        throw new SignerLoadException(source + ": the private key does not match the certificate's public key");
    }

    private static void checkIssuedBy(String source, X509CertificateHolder certificate, Issuer ca)
            throws SignerLoadException {
        if (!ca.issued(certificate)) {
            throw new SignerLoadException(source + ": certificate " + certificate.getSubject()
                    + " was not issued by CA " + ca.label() + " ("
                    + ca.certificate().getSubject()
                    + "); a delegated responder must be certified by the CA it answers for");
        }
    }
}
