package corp.example.ocsp.http.check;

import corp.example.ocsp.core.x509.BouncyCastle;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** OCSP responses a stand-in gives: right by default, each wither makes them wrong in one way. */
record Answers(
        CertBundle signer,
        PrivateKey signingKey,
        CertificateStatus status,
        Instant thisUpdate,
        Instant nextUpdate,
        BigInteger otherSerial,
        Nonce nonce) {

    enum Nonce {
        ECHO,
        OMIT,
        WRONG
    }

    /** Signed by {@code signer} (included), {@code status}, valid from {@code thisUpdate} to {@code nextUpdate}. */
    static Answers of(CertBundle signer, CertificateStatus status, Instant thisUpdate, Instant nextUpdate) {
        return new Answers(signer, signer.privateKey(), status, thisUpdate, nextUpdate, null, Nonce.ECHO);
    }

    Answers signedWith(PrivateKey key) {
        return new Answers(signer, key, status, thisUpdate, nextUpdate, otherSerial, nonce);
    }

    Answers forSerial(BigInteger serial) {
        return new Answers(signer, signingKey, status, thisUpdate, nextUpdate, serial, nonce);
    }

    Answers nonce(Nonce n) {
        return new Answers(signer, signingKey, status, thisUpdate, nextUpdate, otherSerial, n);
    }

    Answers nextUpdate(Instant t) {
        return new Answers(signer, signingKey, status, thisUpdate, t, otherSerial, nonce);
    }

    /** The DER OCSPResponse answering {@code requestDer}. */
    byte[] answer(byte[] requestDer) {
        try {
            OCSPReq req = new OCSPReq(requestDer);
            CertificateID id = req.getRequestList()[0].getCertID();
            if (otherSerial != null) {
                id = CertificateID.deriveCertificateID(id, otherSerial);
            }
            X509CertificateHolder cert = signer.holder();
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(cert.getSubject()));
            b.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
            Extension asked = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (asked != null && nonce == Nonce.ECHO) {
                b.setResponseExtensions(new Extensions(asked));
            } else if (asked != null && nonce == Nonce.WRONG) {
                b.setResponseExtensions(new Extensions(new Extension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false,
                        new DEROctetString(new byte[16]).getEncoded())));
            }
            KeyType type = signer.keyType();
            var signed = b.build(
                    new JcaContentSignerBuilder(type.signatureAlgorithm())
                            .setProvider(BouncyCastle.provider())
                            .build(signingKey),
                    new X509CertificateHolder[] {cert},
                    Date.from(thisUpdate));
            return new OCSPRespBuilder()
                    .build(OCSPRespBuilder.SUCCESSFUL, signed)
                    .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned error response ({@code tryLater}, {@code unauthorized}...). */
    static byte[] error(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
