package corp.example.ocsp.core.request;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The shape nearly every client sends, read by walking the DER directly: an unsigned OCSPRequest
 * with no version and no requestorName, CertIDs of a hash this responder knows (parameters absent or
 * NULL) without singleRequestExtensions, and either no requestExtensions or exactly one, a
 * non-critical nonce of 1 to 128 octets wrapped in an OCTET STRING. Bouncy Castle's reader (an
 * {@code ASN1InputStream} and a stream per nested value) cost more than finding the cached answer.
 *
 * <p>Strict: every length definite and minimal, every value exactly filling its parent, the
 * serial a minimal positive INTEGER, nothing after the request. Anything else, valid or not, is
 * {@code null}, and {@link RequestParser} reads it with Bouncy Castle and all its checks; what this
 * accepts it answers as that path does (RequestParserTest compares the two).
 */
final class PlainRequest {
    private static final byte[][] HASH_OIDS = new byte[HashAlgorithm.values().length][];
    private static final byte[] NONCE_OID = contents(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);

    static {
        for (HashAlgorithm a : HashAlgorithm.values()) {
            HASH_OIDS[a.ordinal()] = contents(a.oid());
        }
    }

    /** Thrown, without a stack trace, where the input leaves the plain shape. */
    private static final class NotPlain extends RuntimeException {
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not the plain shape", null, false, false);
        }
    }

    private final byte[] der;
    private int pos;

    private PlainRequest(byte[] der) {
        this.der = der;
    }

    /** The request, or null when {@code der} is not of the plain shape (or has more than {@code maxCertIds} CertIDs). */
    static ParsedRequest parse(byte[] der, int maxCertIds) {
        try {
            return new PlainRequest(der).request(maxCertIds);
        } catch (NotPlain | ArrayIndexOutOfBoundsException notPlain) {
            return null;
        }
    }

    private ParsedRequest request(int maxCertIds) {
        expect(open(0x30, der.length) == der.length);
        int tbsEnd = open(0x30, der.length);
        expect(tbsEnd == der.length); // no optionalSignature
        int listEnd = open(0x30, tbsEnd); // no version, no requestorName
        List<RequestedCert> certs = new ArrayList<>(1);
        do {
            expect(certs.size() < maxCertIds);
            certs.add(single(listEnd));
        } while (pos < listEnd);
        Optional<Extension> nonce = pos < tbsEnd ? Optional.of(nonce(tbsEnd)) : Optional.empty();
        expect(pos == tbsEnd);
        return new ParsedRequest(certs, nonce, false);
    }

    /** One Request: a CertID and no singleRequestExtensions. */
    private RequestedCert single(int listEnd) {
        int requestEnd = open(0x30, listEnd);
        int certIdEnd = open(0x30, requestEnd);
        expect(certIdEnd == requestEnd);
        int algorithmEnd = open(0x30, certIdEnd);
        int oidEnd = open(0x06, algorithmEnd);
        HashAlgorithm hash = hash(pos, oidEnd);
        pos = oidEnd;
        boolean nullParameters = pos < algorithmEnd;
        if (nullParameters) {
            expect(open(0x05, algorithmEnd) == algorithmEnd && pos == algorithmEnd);
        }
        byte[] nameHash = octets(certIdEnd);
        byte[] keyHash = octets(certIdEnd);
        int serialEnd = open(0x02, certIdEnd);
        expect(serialEnd == certIdEnd && minimalPositive(pos, serialEnd));
        BigInteger serial = new BigInteger(Arrays.copyOfRange(der, pos, serialEnd));
        pos = serialEnd;
        CertID certId = new CertID(
                nullParameters
                        ? new AlgorithmIdentifier(hash.oid(), DERNull.INSTANCE)
                        : new AlgorithmIdentifier(hash.oid()),
                new DEROctetString(nameHash),
                new DEROctetString(keyHash),
                new ASN1Integer(serial));
        return new RequestedCert(certId, Optional.of(hash), nameHash, keyHash, serial);
    }

    /** {@code [2] { SEQUENCE { SEQUENCE { nonce OID, OCTET STRING { OCTET STRING (1..128) } } } }}. */
    private Extension nonce(int tbsEnd) {
        int explicitEnd = open(0xa2, tbsEnd);
        int extensionsEnd = open(0x30, explicitEnd);
        int extensionEnd = open(0x30, extensionsEnd);
        expect(explicitEnd == tbsEnd && extensionsEnd == explicitEnd && extensionEnd == extensionsEnd);
        int oidEnd = open(0x06, extensionEnd);
        expect(Arrays.equals(der, pos, oidEnd, NONCE_OID, 0, NONCE_OID.length));
        pos = oidEnd;
        int valueEnd = open(0x04, extensionEnd); // an OCTET STRING, not a BOOLEAN: not critical
        int value = pos;
        int innerEnd = open(0x04, valueEnd);
        int length = innerEnd - pos;
        expect(valueEnd == extensionEnd
                && innerEnd == valueEnd
                && length >= 1
                && length <= RequestParser.MAX_NONCE_OCTETS);
        pos = valueEnd;
        return new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                false,
                new DEROctetString(Arrays.copyOfRange(der, value, valueEnd)));
    }

    /** The contents of a primitive OCTET STRING. */
    private byte[] octets(int parentEnd) {
        int end = open(0x04, parentEnd);
        byte[] octets = Arrays.copyOfRange(der, pos, end);
        pos = end;
        return octets;
    }

    /**
     * Reads the tag {@code tag} and a minimal definite length at {@code pos}, leaves {@code pos} at
     * the contents and returns where they end, which is within {@code parentEnd}.
     */
    private int open(int tag, int parentEnd) {
        int at = pos;
        expect(at < parentEnd && (der[at++] & 0xff) == tag && at < parentEnd);
        int length = der[at++] & 0xff;
        if (length == 0x81) {
            length = der[at++] & 0xff;
            expect(length >= 0x80);
        } else if (length == 0x82) {
            length = (der[at] & 0xff) << 8 | der[at + 1] & 0xff;
            at += 2;
            expect(length >= 0x100);
        } else {
            expect(length < 0x80); // indefinite, or 64 KiB and more: not plain
        }
        expect(at + length <= parentEnd);
        pos = at;
        return at + length;
    }

    private static void expect(boolean plain) {
        if (!plain) {
            throw NotPlain.INSTANCE;
        }
    }

    private HashAlgorithm hash(int from, int to) {
        for (HashAlgorithm a : HashAlgorithm.values()) {
            byte[] oid = HASH_OIDS[a.ordinal()];
            if (Arrays.equals(der, from, to, oid, 0, oid.length)) {
                return a;
            }
        }
        throw NotPlain.INSTANCE; // a hash this responder does not know: Bouncy Castle's path says so
    }

    /** A positive INTEGER in the fewest octets: not empty, no sign bit, no needless leading zero. */
    private boolean minimalPositive(int from, int to) {
        if (to <= from || (der[from] & 0x80) != 0) {
            return false;
        }
        return to - from == 1 || der[from] != 0 || (der[from + 1] & 0x80) != 0;
    }

    /** The contents octets of {@code oid}'s DER encoding (the OIDs here are shorter than 128 octets). */
    private static byte[] contents(ASN1ObjectIdentifier oid) {
        try {
            byte[] tlv = oid.getEncoded(ASN1Encoding.DER);
            return Arrays.copyOfRange(tlv, 2, tlv.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
