package corp.example.ocsp.core.response;

import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * Encodes and signs a successful OCSPResponse with a BasicOCSPResponse (RFC 6960 §4.2.1):
 * version v1 (omitted), the ResponderID by key or by name, producedAt, one SingleResponse per
 * answer, optional responseExtensions, and the delegated responder certificate in {@code certs}
 * (absent when the CA signs its own responses, §4.2.1). Times are whole seconds, encoded
 * {@code YYYYMMDDHHMMSSZ} (RFC 9919 §3.2.4).
 */
public final class ResponseEncoder {
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ResponderSigner signer;
    private final ResponderID responderId;
    private final ASN1Sequence certs;

    /** An encoder signing with {@code signer}; {@code byName} selects ResponderID byName over byKey. */
    public ResponseEncoder(ResponderSigner signer, boolean byName) {
        this.signer = signer;
        this.responderId = byName
                ? new ResponderID(signer.certificate().getSubject())
                : new ResponderID(new DEROctetString(signer.keyHash()));
        this.certs = signer.delegated() ? new DERSequence(signer.certificate().toASN1Structure()) : null;
    }

    /** The complete DER OCSPResponse for {@code answers}, signed now. */
    public byte[] encode(List<SingleAnswer> answers, Instant producedAt, List<Extension> responseExtensions) {
        ASN1EncodableVector singles = new ASN1EncodableVector(answers.size());
        for (SingleAnswer a : answers) {
            singles.add(new SingleResponse(a.certId(), certStatus(a.status()), time(a.thisUpdate()),
                    time(a.nextUpdate()), singleExtensions(a.status())));
        }
        Extensions extensions = responseExtensions.isEmpty()
                ? null
                : new Extensions(responseExtensions.toArray(new Extension[0]));
        ResponseData data = new ResponseData(responderId, time(producedAt), new DERSequence(singles), extensions);
        try {
            byte[] tbs = data.getEncoded(ASN1Encoding.DER);
            BasicOCSPResponse basic = new BasicOCSPResponse(data, signer.algorithm(),
                    new DERBitString(signer.sign(tbs)), certs);
            ResponseBytes bytes = new ResponseBytes(OCSPObjectIdentifiers.id_pkix_ocsp_basic,
                    new DEROctetString(basic.getEncoded(ASN1Encoding.DER)));
            return new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL), bytes)
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an OCSP response", e);
        }
    }

    /** The extension RFC 6960 §4.4.8 requires with a {@code revoked} answer for a non-issued serial. */
    public static Extension extendedRevoke() {
        try {
            return new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_extended_revoke, false,
                    DERNull.INSTANCE.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code instant} as a DER GeneralizedTime, truncated to the second. */
    public static ASN1GeneralizedTime time(Instant instant) {
        return new DERGeneralizedTime(GENERALIZED_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS)));
    }

    private static org.bouncycastle.asn1.ocsp.CertStatus certStatus(CertStatus status) {
        if (status instanceof CertStatus.Revoked revoked) {
            CRLReason reason = revoked.reason().map(r -> CRLReason.lookup(r.code())).orElse(null);
            return new org.bouncycastle.asn1.ocsp.CertStatus(new RevokedInfo(time(revoked.revokedAt()), reason));
        } else if (status instanceof CertStatus.Good) {
            return new org.bouncycastle.asn1.ocsp.CertStatus();
        }
        return new org.bouncycastle.asn1.ocsp.CertStatus(2, DERNull.INSTANCE);
    }

    private static Extensions singleExtensions(CertStatus status) {
        if (status instanceof CertStatus.Revoked revoked && revoked.invalidityDate().isPresent()) {
            try {
                return new Extensions(new Extension(Extension.invalidityDate, false,
                        time(revoked.invalidityDate().get()).getEncoded(ASN1Encoding.DER)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }
}
