package corp.example.ocsp.store.crl;

import corp.example.ocsp.store.crl.Der.Tlv;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads a CRL (DER, or PEM {@code X509 CRL}) in one pass over its bytes with {@link Der}, putting
 * its entries for one CA straight into a {@link CrlIndex} (no object per entry): serial, revocation
 * date, reasonCode, invalidityDate, and certificateIssuer for indirect CRLs (RFC 5280 §5.3.3: an
 * entry is the CRL issuer's until an entry names another). A critical extension it does not know,
 * and a CRL that covers only some reasons, are refused: it could not say what is not on it.
 */
final class CrlParser {
    private static final String REASON_CODE = "2.5.29.21";
    private static final String INVALIDITY_DATE = "2.5.29.24";
    private static final String CERTIFICATE_ISSUER = "2.5.29.29";
    private static final String CRL_NUMBER = "2.5.29.20";
    private static final String DELTA_CRL_INDICATOR = "2.5.29.27";
    private static final String ISSUING_DISTRIBUTION_POINT = "2.5.29.28";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String FRESHEST_CRL = "2.5.29.46";
    private static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";

    private CrlParser() {}

    /**
     * The CRL in {@code content} with the entries of the CA whose subject is {@code caSubject}.
     *
     * @throws CrlException naming {@code where} and what is wrong
     */
    static ParsedCrl parse(byte[] content, String where, byte[] caSubject) {
        try {
            return parseDer(pemOrDer(content, where), where, caSubject);
        } catch (CrlException e) {
            throw e;
        } catch (RuntimeException e) { // a value the walk could not take (an INTEGER too long for a reason code...)
            throw new CrlException(where + ": not a DER CRL: " + e, e);
        }
    }

    private static ParsedCrl parseDer(byte[] der, String where, byte[] caSubject) {
        Der outer = new Der(der, 0, der.length, where);
        Der crl = outer.inside(outer.next(Der.SEQUENCE));
        Tlv tbs = crl.next(Der.SEQUENCE);
        Tlv algorithm = crl.next(Der.SEQUENCE);
        Tlv signature = crl.next(Der.BIT_STRING);
        if (signature.length() < 2 || der[signature.from()] != 0) {
            throw crl.error("the signature BIT STRING is empty or has unused bits");
        }
        Der t = crl.inside(tbs);
        if (t.peekTag() == Der.INTEGER) {
            t.next();
        }
        Tlv innerAlgorithm = t.next(Der.SEQUENCE);
        if (!Arrays.equals(t.encoded(innerAlgorithm), crl.encoded(algorithm))) {
            throw crl.error("the signature algorithm inside and outside the TBSCertList differ");
        }
        byte[] issuer = t.encoded(t.next(Der.SEQUENCE));
        Instant thisUpdate = t.time(t.next());
        Optional<Instant> nextUpdate = t.isTime() ? Optional.of(t.time(t.next())) : Optional.empty();
        Der revoked = t.peekTag() == Der.SEQUENCE ? t.inside(t.next()) : null;
        Extensions ext = new Extensions();
        if (t.peekTag() == 0xA0) {
            crlExtensions(t.inside(t.inside(t.next()).next(Der.SEQUENCE)), ext, where);
        }
        CrlIndex.Builder entries = new CrlIndex.Builder();
        if (revoked != null) {
            entries(revoked, Arrays.equals(issuer, caSubject) || !ext.indirect, caSubject, entries, ext.indirect);
        }
        return new ParsedCrl(
                where,
                issuer,
                thisUpdate,
                nextUpdate,
                Optional.ofNullable(ext.number),
                Optional.ofNullable(ext.deltaBase),
                entries.build(),
                new ParsedCrl.Signed(
                        der,
                        tbs.start(),
                        tbs.to(),
                        crl.encoded(algorithm),
                        Arrays.copyOfRange(der, signature.from() + 1, signature.to())));
    }

    private static byte[] pemOrDer(byte[] content, String where) {
        if (content.length > 0 && content[0] == Der.SEQUENCE) {
            return content;
        }
        String text = new String(content, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN X509 CRL-----");
        int end = text.indexOf("-----END X509 CRL-----");
        if (begin < 0 || end < begin) {
            throw new CrlException(where + ": neither a DER CRL nor a PEM block 'BEGIN X509 CRL'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(begin + 24, end));
        } catch (IllegalArgumentException e) {
            throw new CrlException(where + ": the PEM block is not base64: " + e.getMessage());
        }
    }

    /** What the CRL's own extensions say. */
    private static final class Extensions {
        BigInteger number;
        BigInteger deltaBase;
        boolean indirect;
    }

    private static void crlExtensions(Der list, Extensions ext, String where) {
        while (list.more()) {
            Der e = list.inside(list.next(Der.SEQUENCE));
            String oid = e.oid(e.next(Der.OID));
            boolean critical = e.peekTag() == Der.BOOLEAN && e.bytes(e.next())[0] != 0;
            Tlv value = e.next(Der.OCTET_STRING);
            Der v = e.inside(value);
            switch (oid) {
                case CRL_NUMBER -> ext.number = v.integer(v.next(Der.INTEGER));
                case DELTA_CRL_INDICATOR -> ext.deltaBase = v.integer(v.next(Der.INTEGER));
                case ISSUING_DISTRIBUTION_POINT ->
                    ext.indirect = distributionPoint(v.inside(v.next(Der.SEQUENCE)), where);
                case AUTHORITY_KEY_IDENTIFIER, FRESHEST_CRL, AUTHORITY_INFO_ACCESS -> {}
                default -> {
                    if (critical) {
                        throw new CrlException(where + ": has a critical extension " + oid
                                + " this responder does not know (RFC 5280 §5.2: such a CRL is not used)");
                    }
                }
            }
        }
    }

    /** The issuingDistributionPoint: true if indirectCRL; a CRL for some reasons or attribute certificates only is refused. */
    private static boolean distributionPoint(Der idp, String where) {
        boolean indirect = false;
        while (idp.more()) {
            Tlv f = idp.next();
            switch (f.tag()) {
                case 0x83 ->
                    throw new CrlException(where + ": covers only some reasons (onlySomeReasons): a serial"
                            + " not on it may be revoked for another; use the CRL that covers all reasons");
                case 0x85 -> throw new CrlException(where + ": covers attribute certificates only");
                case 0x84 -> indirect = f.length() == 1 && idp.bytes(f)[0] != 0;
                default -> {}
            }
        }
        return indirect;
    }

    private static void entries(Der list, boolean ours, byte[] caSubject, CrlIndex.Builder out, boolean indirect) {
        boolean current = ours;
        while (list.more()) {
            Der e = list.inside(list.next(Der.SEQUENCE));
            Tlv serial = e.next(Der.INTEGER);
            Instant at = e.time(e.next());
            int reason = -1;
            Instant invalid = null;
            if (e.peekTag() == Der.SEQUENCE) {
                Der exts = e.inside(e.next());
                while (exts.more()) {
                    Der x = exts.inside(exts.next(Der.SEQUENCE));
                    String oid = x.oid(x.next(Der.OID));
                    boolean critical = x.peekTag() == Der.BOOLEAN && x.bytes(x.next())[0] != 0;
                    Der v = x.inside(x.next(Der.OCTET_STRING));
                    switch (oid) {
                        case REASON_CODE ->
                            reason = v.integer(v.next(Der.ENUMERATED)).intValueExact();
                        case INVALIDITY_DATE -> invalid = v.time(v.next(Der.GENERALIZED_TIME));
                        case CERTIFICATE_ISSUER ->
                            current = indirect && namesCa(v.inside(v.next(Der.SEQUENCE)), caSubject);
                        default -> {
                            if (critical) {
                                throw e.error("an entry has a critical extension " + oid
                                        + " this responder does not know (RFC 5280 §5.3: such a CRL is not used)");
                            }
                        }
                    }
                }
            }
            if (current) {
                out.add(e.bytesArray(), serial.from(), serial.to(), at, reason, invalid);
            }
        }
    }

    /** Whether the GeneralNames name the CA (a directoryName equal to its subject). */
    private static boolean namesCa(Der names, byte[] caSubject) {
        while (names.more()) {
            Tlv n = names.next();
            if (n.tag() == 0xA4 && Arrays.equals(names.encoded(names.inside(n).next(Der.SEQUENCE)), caSubject)) {
                return true;
            }
        }
        return false;
    }
}
