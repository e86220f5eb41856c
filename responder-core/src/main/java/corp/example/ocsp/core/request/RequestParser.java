package corp.example.ocsp.core.request;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * Turns request bytes into a {@link ParseResult}. Thread-safe and allocation-bounded: Bouncy
 * Castle's reader is limited to the input's length, so a length field that claims more than the
 * input holds fails instead of allocating.
 *
 * <p>malformedRequest for: empty or truncated input, trailing bytes after the OCSPRequest, a wrong
 * structure, BER's indefinite lengths and constructed strings, structures nested more than
 * {@link #MAX_DEPTH} deep (these three refused before Bouncy Castle reads anything, see
 * {@link DerShape}), a version other than v1, an empty requestList, more CertIDs than
 * {@code maxCertIds}, a nonce of 0 or more than 128 octets (RFC 9654 §2.1), and any critical
 * extension this responder does not implement (RFC 6960 §4.1.2). Unknown non-critical extensions
 * and a requestorName are ignored; a signature is accepted and not checked.
 *
 * <p>The request nearly every client sends is read by {@link PlainRequest}, a strict DER walker,
 * with the same result; every other input takes Bouncy Castle's path above.
 */
public final class RequestParser {
    /** RFC 9654 §2.1: a nonce is 1 to 128 octets. */
    public static final int MAX_NONCE_OCTETS = 128;
    /**
     * Deepest nesting of constructed values accepted. A signed request carrying certificates nests
     * about 10 deep (OCSPRequest, optionalSignature, Signature, certs, Certificate,
     * TBSCertificate, extensions, Extension); 32 leaves room and keeps Bouncy Castle's recursion
     * a few kilobytes of stack.
     */
    public static final int MAX_DEPTH = 32;

    private final int maxCertIds;

    /** A parser that refuses requests with more than {@code maxCertIds} CertIDs. */
    public RequestParser(int maxCertIds) {
        if (maxCertIds < 1) {
            throw new IllegalArgumentException("maxCertIds must be at least 1, got " + maxCertIds);
        }
        this.maxCertIds = maxCertIds;
    }

    public ParseResult parse(byte[] der) {
        if (der == null || der.length == 0) {
            return ParseFailure.malformed("empty request");
        }
        ParsedRequest plain = PlainRequest.parse(der, maxCertIds);
        return plain != null ? plain : parseWithBouncyCastle(der); // nearly every client's request is plain
    }

    /** Every request that is not {@link PlainRequest}'s shape: Bouncy Castle's reader and every check. */
    ParseResult parseWithBouncyCastle(byte[] der) {
        String notDer = DerShape.problem(der, MAX_DEPTH);
        if (notDer != null) {
            return ParseFailure.malformed("not a DER OCSPRequest: " + notDer);
        }
        try {
            return parseChecked(der);
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle reports bad encodings as IOException, IllegalArgumentException,
            // IllegalStateException or ClassCastException: all of them are the client's fault.
            return ParseFailure.malformed("not a DER OCSPRequest: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private ParseResult parseChecked(byte[] der) throws IOException {
        ASN1Primitive top;
        ByteArrayInputStream bytes = new ByteArrayInputStream(der);
        try (ASN1InputStream in = new ASN1InputStream(bytes, der.length)) {
            top = in.readObject();
        }
        if (top == null) {
            return ParseFailure.malformed("empty request");
        }
        if (bytes.available() > 0) {
            return ParseFailure.malformed(bytes.available() + " bytes after the OCSPRequest");
        }
        if (!(top instanceof ASN1Sequence)) {
            return ParseFailure.malformed("the request is not a SEQUENCE");
        }
        OCSPRequest request = OCSPRequest.getInstance(top);
        TBSRequest tbs = request.getTbsRequest();
        if (tbs.getVersion().intValueExact() != 0) {
            return ParseFailure.malformed(
                    "unsupported request version " + tbs.getVersion().getValue());
        }
        ASN1Sequence list = tbs.getRequestList();
        if (list.size() == 0) {
            return ParseFailure.malformed("empty requestList");
        }
        if (list.size() > maxCertIds) {
            return ParseFailure.malformed(list.size() + " CertIDs, more than the limit of " + maxCertIds);
        }

        Extensions extensions = tbs.getRequestExtensions();
        ParseFailure badExtension = checkRequestExtensions(extensions);
        if (badExtension != null) {
            return badExtension;
        }
        Optional<Extension> nonce = extensions == null
                ? Optional.empty()
                : Optional.ofNullable(extensions.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
        return certs(list, nonce, request.getOptionalSignature() != null);
    }

    /** Null if {@code extensions} are acceptable: a nonce of 1 to 128 octets, no unknown critical one. */
    private static ParseFailure checkRequestExtensions(Extensions extensions) {
        if (extensions == null) {
            return null;
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Extension ext = extensions.getExtension(oid);
            if (oid.equals(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)) {
                int length = nonceLength(ext);
                if (length == 0 || length > MAX_NONCE_OCTETS) {
                    return ParseFailure.malformed("nonce of " + length + " octets (RFC 9654 allows 1 to 128)");
                }
            } else if (ext.isCritical() && !oid.equals(OCSPObjectIdentifiers.id_pkix_ocsp_response)) {
                return ParseFailure.malformed("unsupported critical request extension " + oid.getId());
            }
        }
        return null;
    }

    /** The parsed request of the CertIDs in {@code list}, or the failure of one of them. */
    private static ParseResult certs(ASN1Sequence list, Optional<Extension> nonce, boolean signed) {
        List<RequestedCert> certs = new ArrayList<>(list.size());
        for (ASN1Encodable element : list) {
            Request single = Request.getInstance(element);
            Extensions singleExtensions = single.getSingleRequestExtensions();
            if (singleExtensions != null) {
                for (ASN1ObjectIdentifier oid : singleExtensions.getCriticalExtensionOIDs()) {
                    return ParseFailure.malformed("unsupported critical singleRequestExtension " + oid.getId());
                }
            }
            CertID certId = single.getReqCert();
            certs.add(new RequestedCert(
                    certId,
                    HashAlgorithm.ofOid(certId.getHashAlgorithm().getAlgorithm()),
                    certId.getIssuerNameHash().getOctets(),
                    certId.getIssuerKeyHash().getOctets(),
                    certId.getSerialNumber().getValue()));
        }
        return new ParsedRequest(certs, nonce, signed);
    }

    /**
     * The nonce's length in octets. RFC 9654 wraps the nonce in an OCTET STRING inside extnValue
     * ({@code 04 10 ...} for 16 octets, as openssl and mod_ssl send it); a few old clients put the
     * raw octets in extnValue, which is accepted and measured as is.
     */
    private static int nonceLength(Extension ext) {
        byte[] value = ext.getExtnValue().getOctets();
        if (DerShape.problem(value, MAX_DEPTH) != null) {
            return value.length;
        }
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(value);
            if (inner instanceof ASN1OctetString octets) {
                return octets.getOctets().length;
            }
        } catch (IOException | RuntimeException notWrapped) {
            // raw octets: fall through
        }
        return value.length;
    }
}
