package corp.example.ocsp.http.check;

import corp.example.ocsp.core.x509.BouncyCastle;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Whether a response is signed by someone the CA authorized (RFC 6960 4.2.2.2): the CA itself, or
 * a certificate it issued with id-kp-OCSPSigning, valid now, included in the response.
 */
final class ResponderAuthority {
    private final X509CertificateHolder issuer;
    private final Instant now;

    ResponderAuthority(X509CertificateHolder issuer, Instant now) {
        this.issuer = issuer;
        this.now = now;
    }

    /** Empty when the response is signed by an authorized responder, else what is wrong. */
    Optional<String> problem(BasicOCSPResp basic) {
        try {
            X509CertificateHolder signer = signer(basic);
            if (signer == null) {
                return Optional.of("signed by " + describe(basic.getResponderId())
                        + ", which is neither the CA nor a certificate in the answer");
            }
            if (signer != issuer) {
                Optional<String> delegated = delegationProblem(signer);
                if (delegated.isPresent()) {
                    return delegated;
                }
            }
            if (!basic.isSignatureValid(verifier(signer))) {
                return Optional.of("the signature does not verify with " + signer.getSubject() + "'s key");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the signature cannot be checked: " + e.getMessage());
        }
    }

    /** The CA if the ResponderID names it, else the included certificate it names, else null. */
    private X509CertificateHolder signer(BasicOCSPResp basic) throws Exception {
        RespID id = basic.getResponderId();
        if (names(id, issuer)) {
            return issuer;
        }
        for (X509CertificateHolder c : basic.getCerts()) {
            if (names(id, c)) {
                return c;
            }
        }
        return null;
    }

    private Optional<String> delegationProblem(X509CertificateHolder signer) throws Exception {
        String who = "responder certificate " + signer.getSubject();
        if (!signer.getIssuer().equals(issuer.getSubject()) || !signer.isSignatureValid(verifier(issuer))) {
            return Optional.of(who + " was not issued by the CA " + issuer.getSubject());
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(signer.getExtensions());
        if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
            return Optional.of(who + " lacks id-kp-OCSPSigning, so the CA did not authorize it to sign");
        }
        if (!signer.isValidOn(Date.from(now))) {
            return Optional.of(
                    who + " is not valid now (" + signer.getNotBefore().toInstant() + " to "
                            + signer.getNotAfter().toInstant() + ")");
        }
        return Optional.empty();
    }

    private static boolean names(RespID id, X509CertificateHolder c) throws Exception {
        DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder()
                .setProvider(BouncyCastle.provider())
                .build()
                .get(RespID.HASH_SHA1);
        return id.equals(new RespID(c.getSubject())) || id.equals(new RespID(c.getSubjectPublicKeyInfo(), sha1));
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder c) throws Exception {
        return new JcaContentVerifierProviderBuilder()
                .setProvider(BouncyCastle.provider())
                .build(c);
    }

    private static String describe(RespID id) {
        return id.toASN1Primitive().getName() != null
                ? id.toASN1Primitive().getName().toString()
                : "a key that is not the CA's";
    }
}
