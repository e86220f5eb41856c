package corp.example.ocsp.testing.ocsp;

import corp.example.ocsp.testing.Bytes;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.FixedKeys;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * A PKI whose CAs are the same on every run, and named DER OCSP requests of every shape for it,
 * valid and malformed: what the fuzz tests' seed corpora are generated from.
 *
 * <p>The CAs' names and keys ({@link FixedKeys}) never change, so a request written to a corpus
 * file names the same issuer in every later run; the delegated signers' keys are fresh each time
 * (requests do not name them). Certificates are valid from a minute before {@link #NOW} for a
 * year: a fuzz test answers with a clock fixed at {@code NOW}. Serials {@link #GOOD} and
 * {@link #REVOKED} are for the test's status source to hold, {@link #UNKNOWN} for it not to.
 *
 * <p>Over 300 lines on purpose: it is a catalogue, one short entry per request shape, and a seed
 * corpus is easier to review when every shape it holds is listed in one file.
 */
public final class FuzzCorpus {

    /** The fixed time fuzz tests answer at. */
    public static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    public static final BigInteger GOOD = BigInteger.valueOf(0x1001);
    public static final BigInteger REVOKED = BigInteger.valueOf(0x1002);
    public static final BigInteger UNKNOWN = BigInteger.valueOf(0x1003);

    private static final HexFormat HEX = HexFormat.of();
    private static final ASN1ObjectIdentifier UNKNOWN_OID = new ASN1ObjectIdentifier("1.2.3.4");
    /** {@code 06 05 2b 0e 03 02 1a}: id-sha1 as it appears in a CertID's hashAlgorithm. */
    private static final byte[] SHA1_OID = HEX.parseHex("06052b0e03021a");

    private FuzzCorpus() {}

    /**
     * The fixed PKI: a root and an issuing CA with fixed keys, and a delegated OCSP signer for
     * each.
     */
    public record Pki(Ca root, Ca issuing, CertBundle signer, CertBundle rootSigner) {

        public static Pki create() {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            Ca root = TestPki.newRoot("Fuzz Root CA")
                    .keyPair(FixedKeys.p256("fuzz root ca"))
                    .clock(clock)
                    .build();
            Ca issuing = root.issueIntermediate("Fuzz Issuing CA")
                    .keyPair(FixedKeys.p256("fuzz issuing ca"))
                    .clock(clock)
                    .build();
            return new Pki(
                    root,
                    issuing,
                    issuing.issueOcspSigner("Fuzz OCSP Signer").clock(clock).build(),
                    root.issueOcspSigner("Fuzz Root OCSP Signer").clock(clock).build());
        }

        /** A request for the issuing CA's {@code serial} with one CertID of {@code hash}. */
        public OcspRequestBuilder request(BigInteger serial, CertIdHash hash) {
            return OcspRequestBuilder.create().certId(issuing.certificate(), serial, hash);
        }
    }

    /** Requests a responder for the issuing CA answers successfully, by name. */
    public static Map<String, byte[]> validRequests(Pki pki) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (CertIdHash hash : CertIdHash.values()) {
            out.put(hash.name().toLowerCase() + "-good", pki.request(GOOD, hash).build());
        }
        out.put("sha1-revoked", pki.request(REVOKED, CertIdHash.SHA1).build());
        out.put("sha1-unknown-serial", pki.request(UNKNOWN, CertIdHash.SHA1).build());
        out.put(
                "several-certids",
                pki.request(GOOD, CertIdHash.SHA1)
                        .certId(pki.issuing().certificate(), REVOKED, CertIdHash.SHA256)
                        .certId(pki.issuing().certificate(), UNKNOWN, CertIdHash.SHA1)
                        .build());
        out.put("certids-32", certIds(pki, 32).build());
        out.putAll(validExtensionRequests(pki));
        out.put("serial-zero", pki.request(BigInteger.ZERO, CertIdHash.SHA1).build());
        out.put(
                "serial-negative",
                pki.request(BigInteger.valueOf(-5), CertIdHash.SHA1).build());
        out.put(
                "serial-20-octets",
                pki.request(new BigInteger(1, HEX.parseHex("7f" + "ab".repeat(19))), CertIdHash.SHA1)
                        .build());
        return out;
    }

    /** Valid requests that differ in their extensions, signature or requestor name. */
    private static Map<String, byte[]> validExtensionRequests(Pki pki) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int length : new int[] {1, 16, 32, 128}) {
            out.put(
                    "nonce-" + length,
                    pki.request(GOOD, CertIdHash.SHA1).nonce(counting(length)).build());
        }
        out.put(
                "nonce-critical",
                pki.request(GOOD, CertIdHash.SHA1)
                        .nonce(counting(16))
                        .nonceCritical()
                        .build());
        out.put(
                "signed",
                pki.request(GOOD, CertIdHash.SHA1)
                        .signedBy(pki.issuing().issueLeaf("fuzz client").build())
                        .build());
        out.put(
                "hash-parameters-absent",
                pki.request(GOOD, CertIdHash.SHA256).hashParametersAbsent().build());
        out.put(
                "requestor-name-unsigned",
                pki.request(GOOD, CertIdHash.SHA1)
                        .requestorName(new GeneralName(new X500Name("CN=fuzz requestor")))
                        .build());
        out.put(
                "noncritical-unknown-extensions",
                pki.request(GOOD, CertIdHash.SHA1)
                        .requestExtension(UNKNOWN_OID, false, new DERUTF8String("x"))
                        .singleRequestExtension(UNKNOWN_OID, false, new DERUTF8String("y"))
                        .build());
        return out;
    }

    /**
     * Well-formed requests a responder for the issuing CA alone answers unauthorized: a CertID of
     * the root, of an unknown hash algorithm, or with hashes of the wrong length.
     */
    public static Map<String, byte[]> foreignRequests(Pki pki) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(
                "root-ca-certid",
                OcspRequestBuilder.create()
                        .certId(pki.root().certificate(), BigInteger.valueOf(0x2001), CertIdHash.SHA1)
                        .build());
        byte[] unknownHash = pki.request(GOOD, CertIdHash.SHA1).build();
        int oid = Bytes.indexOf(unknownHash, SHA1_OID, 0);
        if (oid < 0) {
            throw new IllegalArgumentException("no SHA-1 OID in the request");
        }
        unknownHash[oid + SHA1_OID.length - 1] = 0x1b; // 1.3.14.3.2.27: not a hash this responder knows
        out.put("unknown-hash-algorithm", unknownHash);
        out.put(
                "hashes-of-5-octets",
                OcspRequestBuilder.create()
                        .certIdRaw(CertIdHash.SHA1, new byte[5], new byte[5], GOOD)
                        .build());
        return out;
    }

    /** Requests every responder must answer malformedRequest, by name. */
    public static Map<String, byte[]> malformedRequests(Pki pki) {
        byte[] valid = pki.request(GOOD, CertIdHash.SHA1).build();
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("truncated-half", Arrays.copyOf(valid, valid.length / 2));
        out.put("truncated-last-byte", Arrays.copyOf(valid, valid.length - 1));
        out.put("trailing-zero", OcspRequestBuilder.withTrailingBytes(valid, (byte) 0));
        out.put("trailing-sequence", OcspRequestBuilder.withTrailingBytes(valid, (byte) 0x30, (byte) 0));
        out.put("set-instead-of-sequence", concat(new byte[] {0x31}, Arrays.copyOfRange(valid, 1, valid.length)));
        out.put("indefinite-length", indefinite(valid));
        out.put("version-2", pki.request(GOOD, CertIdHash.SHA1).version(1).build());
        out.put("empty-request-list", OcspRequestBuilder.create().build());
        out.put("certids-33", certIds(pki, 33).build());
        out.put(
                "critical-unknown-extension",
                pki.request(GOOD, CertIdHash.SHA1)
                        .requestExtension(UNKNOWN_OID, true, new DERUTF8String("x"))
                        .build());
        out.put(
                "critical-unknown-single-extension",
                pki.request(GOOD, CertIdHash.SHA1)
                        .singleRequestExtension(UNKNOWN_OID, true, new DERUTF8String("y"))
                        .build());
        out.put("nonce-0", pki.request(GOOD, CertIdHash.SHA1).nonce(new byte[0]).build());
        out.put(
                "nonce-129",
                pki.request(GOOD, CertIdHash.SHA1).nonce(counting(129)).build());
        out.putAll(hugeLengths(pki));
        out.put("deep-nesting-indefinite", deepNesting(2000));
        out.put("ber-constructed-bit-strings", tlv(0x30, repeat(HEX.parseHex("2300"), 4000)));
        out.put("ber-constructed-octet-strings", tlv(0x30, repeat(HEX.parseHex("24020400"), 2000)));
        out.put("deep-nesting-definite", deepNestingDefinite(3000));
        out.put(
                "nonce-deeply-nested",
                pki.request(GOOD, CertIdHash.SHA1)
                        .nonce(deepNestingDefinite(3000))
                        .build());
        out.put("not-der-text", "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.put("ocsp-response", HEX.parseHex("30030a0101"));
        try {
            out.put("certificate", pki.issuing().certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * Structures whose length field claims 2^31-1, 2^32-1, 2^63-1 or 2^63 octets while the input
     * holds a few dozen: the outer SEQUENCE, the TBSRequest inside a consistent outer SEQUENCE, and
     * an OCTET STRING deep inside a CertID with every enclosing length consistent.
     */
    public static Map<String, byte[]> hugeLengths(Pki pki) {
        byte[] valid = pki.request(GOOD, CertIdHash.SHA1).build();
        byte[] tbsAndSignature = content(valid);
        byte[] tbsContent = content(tbsAndSignature);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("outer-length-2g", concat(HEX.parseHex("30847fffffff"), tbsAndSignature));
        out.put("outer-length-4g", concat(HEX.parseHex("3084ffffffff"), tbsAndSignature));
        out.put("outer-length-2p63-1", concat(HEX.parseHex("30887fffffffffffffff"), tbsAndSignature));
        out.put("outer-length-2p63", concat(HEX.parseHex("30888000000000000000"), tbsAndSignature));
        out.put("inner-length-2g", tlv(0x30, concat(HEX.parseHex("30847fffffff"), tbsContent)));
        out.put("inner-length-2p63", tlv(0x30, concat(HEX.parseHex("30888000000000000000"), tbsContent)));
        byte[] certId = concat(
                tlv(0x30, concat(SHA1_OID, HEX.parseHex("0500"))),
                HEX.parseHex("04847fffffff"),
                new byte[20],
                tlv(0x04, new byte[20]),
                tlv(0x02, new byte[] {0x10, 0x01}));
        out.put("octet-string-length-2g", tlv(0x30, tlv(0x30, tlv(0x30, tlv(0x30, tlv(0x30, certId))))));
        return out;
    }

    /** {@code depth} nested indefinite-length SEQUENCEs, closed: {@code 30 80 … 00 00 …}. */
    public static byte[] deepNesting(int depth) {
        byte[] out = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            out[2 * i] = 0x30;
            out[2 * i + 1] = (byte) 0x80;
        }
        return out; // the second half is zeros: depth end-of-contents octets
    }

    /** {@code unit} {@code times} over. */
    public static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    /** {@code depth} nested definite-length SEQUENCEs, the innermost empty. */
    public static byte[] deepNestingDefinite(int depth) {
        byte[] out = new byte[0];
        for (int i = 0; i < depth; i++) {
            out = tlv(0x30, out);
        }
        return out;
    }

    private static OcspRequestBuilder certIds(Pki pki, int n) {
        OcspRequestBuilder b = OcspRequestBuilder.create();
        for (int i = 0; i < n; i++) {
            b.certId(pki.issuing().certificate(), GOOD.add(BigInteger.valueOf(i)), CertIdHash.SHA1);
        }
        return b;
    }

    /** {@code 00 01 02 …}: a nonce that is the same on every run. */
    private static byte[] counting(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) i;
        }
        return out;
    }

    /** The outer SEQUENCE of {@code der} re-encoded with an indefinite length (BER). */
    private static byte[] indefinite(byte[] der) {
        return concat(HEX.parseHex("3080"), content(der), new byte[2]);
    }

    /** The content octets of the DER TLV {@code der} (definite length, tag of one octet). */
    public static byte[] content(byte[] der) {
        int first = der[1] & 0xff;
        int headerLength = first < 0x80 ? 2 : 2 + (first & 0x7f);
        return Arrays.copyOfRange(der, headerLength, der.length);
    }

    /** A DER TLV: {@code tag}, the definite length of {@code content}, {@code content}. */
    public static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            byte[] length = BigInteger.valueOf(n).toByteArray();
            int skip = length[0] == 0 ? 1 : 0;
            out.write(0x80 | (length.length - skip));
            out.write(length, skip, length.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * Replaces the files directly in {@code dir} (created if missing) with {@code seeds}, one file
     * per entry named by its key; subdirectories are left alone.
     */
    public static void writeSeeds(Path dir, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old.filter(Files::isRegularFile)::iterator) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
