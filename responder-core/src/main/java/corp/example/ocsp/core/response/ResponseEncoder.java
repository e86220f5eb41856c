package corp.example.ocsp.core.response;

import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
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
    /** {@code [0] EXPLICIT} tag of BasicOCSPResponse.certs and of OCSPResponse.responseBytes. */
    private static final int CONTEXT_0 = 0xA0;
    /** {@code [1] EXPLICIT} tag of responseExtensions and singleExtensions. */
    private static final int CONTEXT_1 = 0xA1;

    private static final int SEQUENCE = 0x30;
    /** CertStatus {@code good [0] IMPLICIT NULL}; never written to, so shared. */
    private static final byte[] GOOD = {(byte) 0x80, 0x00};
    /** CertStatus {@code unknown [2] IMPLICIT UnknownInfo} (NULL). */
    private static final byte[] UNKNOWN = {(byte) 0x82, 0x00};
    /** RevokedInfo's {@code revocationReason [0] EXPLICIT CRLReason} up to its one-byte ENUMERATED value. */
    private static final byte[] REASON = {(byte) 0xA0, 0x03, 0x0a, 0x01};

    private static final byte[] SUCCESSFUL = {0x0a, 0x01, 0x00};
    private static final byte[] BASIC_OID = encoded(OCSPObjectIdentifiers.id_pkix_ocsp_basic);

    private final ResponderSigner signer;
    /** The ResponderID, encoded once. */
    private final byte[] responderId;
    /** The signatureAlgorithm and the {@code [0] certs} field, encoded once. */
    private final byte[] algorithm;

    private final byte[] certs;

    /** An encoder signing with {@code signer}; {@code byName} selects ResponderID byName over byKey. */
    public ResponseEncoder(ResponderSigner signer, boolean byName) {
        this.signer = signer;
        this.responderId = encoded(
                byName
                        ? new ResponderID(signer.certificate().getSubject())
                        : new ResponderID(new DEROctetString(signer.keyHash())));
        this.algorithm = encoded(signer.algorithm());
        this.certs = signer.delegated()
                ? tlv(CONTEXT_0, encoded(new DERSequence(signer.certificate().toASN1Structure())))
                : new byte[0];
    }

    /**
     * The complete DER OCSPResponse for {@code answers}, signed now. The ResponseData is written
     * as DER directly, the bytes Bouncy Castle's {@code ResponseData} encodes to (a test pins
     * that): building its object graph and encoding it cost about a tenth of a live answer's
     * CPU besides the signature (README, "The hot path").
     */
    public byte[] encode(List<SingleAnswer> answers, Instant producedAt, List<Extension> responseExtensions) {
        byte[][] singles = new byte[answers.size()][];
        for (int i = 0; i < singles.length; i++) {
            singles[i] = single(answers.get(i));
        }
        byte[] responses = tlv(SEQUENCE, singles);
        // The signed bytes are encoded once and the rest is assembled around them, instead of
        // re-encoding the ResponseData and the certificate for each enclosing structure.
        byte[] tbs = responseExtensions.isEmpty()
                ? tlv(SEQUENCE, responderId, timeDer(producedAt), responses)
                : tlv(
                        SEQUENCE,
                        responderId,
                        timeDer(producedAt),
                        responses,
                        tlv(CONTEXT_1, encoded(new Extensions(responseExtensions.toArray(new Extension[0])))));
        byte[] signature = signer.sign(tbs);
        byte[] bitString = new byte[signature.length + 1]; // no unused bits
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        return successful(tlv(SEQUENCE, tbs, algorithm, tlv(0x03, bitString), certs));
    }

    /** A SingleResponse: certID, certStatus, thisUpdate, {@code [0]} nextUpdate, {@code [1]} singleExtensions. */
    private static byte[] single(SingleAnswer a) {
        byte[] certId = encoded(a.certId());
        byte[] status = certStatus(a.status());
        byte[] thisUpdate = timeDer(a.thisUpdate());
        byte[] nextUpdate = tlv(CONTEXT_0, timeDer(a.nextUpdate()));
        Extensions extensions = singleExtensions(a.status());
        return extensions == null
                ? tlv(SEQUENCE, certId, status, thisUpdate, nextUpdate)
                : tlv(SEQUENCE, certId, status, thisUpdate, nextUpdate, tlv(CONTEXT_1, encoded(extensions)));
    }

    /** The successful OCSPResponse carrying the DER BasicOCSPResponse {@code basic}. */
    static byte[] successful(byte[] basic) {
        byte[] responseBytes = tlv(SEQUENCE, BASIC_OID, tlv(0x04, basic));
        return tlv(SEQUENCE, SUCCESSFUL, tlv(CONTEXT_0, responseBytes));
    }

    /** The {@code [0] certs} field this encoder appends to every response (empty for a CA's own key). */
    byte[] certs() {
        return certs.clone();
    }

    /** A DER TLV: {@code tag}, the definite length of the concatenated {@code parts}, the parts. */
    static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        int lengthOctets = length < 0x80 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
        byte[] out = new byte[2 + lengthOctets + length];
        int i = 0;
        out[i++] = (byte) tag;
        if (lengthOctets == 0) {
            out[i++] = (byte) length;
        } else {
            out[i++] = (byte) (0x80 | lengthOctets);
            for (int shift = (lengthOctets - 1) * 8; shift >= 0; shift -= 8) {
                out[i++] = (byte) (length >>> shift);
            }
        }
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an OCSP response", e);
        }
    }

    /** The extension RFC 6960 §4.4.8 requires with a {@code revoked} answer for a non-issued serial. */
    public static Extension extendedRevoke() {
        try {
            return new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_extended_revoke,
                    false,
                    DERNull.INSTANCE.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second's GeneralizedTime, as {@link #time} made it last, and its DER bytes (never written to). */
    private record Time(long second, ASN1GeneralizedTime value, byte[] der) {}

    /** The times made last, by second: answers signed in the same second share thisUpdate, nextUpdate and producedAt. */
    private static final AtomicReferenceArray<Time> RECENT_TIMES = new AtomicReferenceArray<>(16);

    /**
     * {@code instant} as a DER GeneralizedTime, truncated to the second. The few seconds in use are
     * kept (immutable values, shared by every thread), and a new one is written as digits: Bouncy
     * Castle's constructor from a string parses it back with a new {@code SimpleDateFormat}, which
     * cost a sixth of a live answer's signing thread and a tenth of a fill's CPU.
     */
    public static ASN1GeneralizedTime time(Instant instant) {
        return recent(instant).value();
    }

    /** {@link #time} as its DER bytes, shared: callers copy them, never write to them. */
    private static byte[] timeDer(Instant instant) {
        return recent(instant).der();
    }

    private static Time recent(Instant instant) {
        long second = instant.getEpochSecond();
        int slot = (int) ((second * 0x9E3779B97F4A7C15L) >>> 60);
        Time recent = RECENT_TIMES.get(slot);
        if (recent != null && recent.second() == second) {
            return recent;
        }
        byte[] digits = digits(second);
        byte[] der = new byte[2 + digits.length];
        der[0] = 0x18; // GeneralizedTime
        der[1] = (byte) digits.length;
        System.arraycopy(digits, 0, der, 2, digits.length);
        Time made = new Time(second, new DERGeneralizedTime(digits), der);
        RECENT_TIMES.set(slot, made);
        return made;
    }

    /** The GeneralizedTime digits {@code YYYYMMDDHHMMSSZ} of {@code epochSecond}, written directly. */
    private static byte[] digits(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("no GeneralizedTime for " + Instant.ofEpochSecond(epochSecond));
        }
        byte[] digits = new byte[15];
        two(digits, 0, year / 100);
        two(digits, 2, year % 100);
        two(digits, 4, t.getMonthValue());
        two(digits, 6, t.getDayOfMonth());
        two(digits, 8, t.getHour());
        two(digits, 10, t.getMinute());
        two(digits, 12, t.getSecond());
        digits[14] = 'Z';
        return digits;
    }

    private static void two(byte[] out, int at, int value) {
        out[at] = (byte) ('0' + value / 10);
        out[at + 1] = (byte) ('0' + value % 10);
    }

    /** The CertStatus CHOICE: good, revoked (RevokedInfo, with its reason when known) or unknown. */
    private static byte[] certStatus(CertStatus status) {
        if (status instanceof CertStatus.Revoked revoked) {
            byte[] at = timeDer(revoked.revokedAt());
            if (revoked.reason().isEmpty()) {
                return tlv(CONTEXT_1, at);
            }
            byte[] reason = Arrays.copyOf(REASON, REASON.length + 1);
            reason[REASON.length] = (byte) revoked.reason().get().code();
            return tlv(CONTEXT_1, at, reason);
        } else if (status instanceof CertStatus.Good) {
            return GOOD;
        }
        return UNKNOWN;
    }

    private static Extensions singleExtensions(CertStatus status) {
        if (status instanceof CertStatus.Revoked revoked
                && revoked.invalidityDate().isPresent()) {
            try {
                return new Extensions(new Extension(
                        Extension.invalidityDate,
                        false,
                        time(revoked.invalidityDate().get()).getEncoded(ASN1Encoding.DER)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }
}
