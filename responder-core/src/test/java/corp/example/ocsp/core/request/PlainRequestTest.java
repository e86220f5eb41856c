package corp.example.ocsp.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.FuzzCorpus;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain-shape reader answers every request it accepts exactly as Bouncy Castle's path does, and
 * leaves every other request to that path.
 */
class PlainRequestTest {
    private static final RequestParser PARSER = new RequestParser(32);
    private static CertBundle leaf;
    private static Ca ca;

    @BeforeAll
    static void pki() {
        ca = TestPki.newRoot("Plain CA").build();
        leaf = ca.issueLeaf("plain.example").build();
    }

    @Test
    void whatClientsSendIsReadPlainAndAsBouncyCastleReadsIt() throws IOException {
        Map<String, byte[]> plain = new LinkedHashMap<>();
        for (CertIdHash hash : CertIdHash.values()) {
            plain.put(
                    "one " + hash,
                    OcspRequestBuilder.create().certId(leaf, hash).build());
            plain.put(
                    "parameters absent " + hash,
                    OcspRequestBuilder.create()
                            .certId(leaf, hash)
                            .hashParametersAbsent()
                            .build());
        }
        for (int length : new int[] {1, 16, 32, 128}) {
            plain.put(
                    "nonce " + length,
                    OcspRequestBuilder.create()
                            .certId(leaf, CertIdHash.SHA1)
                            .nonceOfLength(length)
                            .build());
        }
        OcspRequestBuilder many = OcspRequestBuilder.create();
        for (int i = 0; i < 32; i++) {
            many.certId(leaf, CertIdHash.SHA1);
        }
        plain.put("32 CertIDs", many.build());
        for (BigInteger serial : new BigInteger[] {
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.valueOf(0x7f),
            BigInteger.valueOf(0x80),
            new BigInteger("ff".repeat(20), 16)
        }) {
            plain.put(
                    "serial " + serial.toString(16),
                    OcspRequestBuilder.create()
                            .certIdRaw(CertIdHash.SHA1, new byte[20], new byte[20], serial)
                            .build());
        }
        for (Map.Entry<String, byte[]> e : plain.entrySet()) {
            ParsedRequest fast = PlainRequest.parse(e.getValue(), 32);
            assertThat(fast).as(e.getKey()).isNotNull();
            assertSame(e.getKey(), fast, PARSER.parseWithBouncyCastle(e.getValue()));
        }
    }

    @Test
    void otherShapesAreLeftToBouncyCastle() {
        Map<String, byte[]> other = new LinkedHashMap<>();
        other.put(
                "signed",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .signedBy(leaf)
                        .build());
        other.put(
                "version v2",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .version(1)
                        .build());
        other.put(
                "requestorName",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .requestorName(new GeneralName(new X500Name("CN=someone")))
                        .build());
        other.put(
                "critical nonce",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .nonceOfLength(16)
                        .nonceCritical()
                        .build());
        other.put(
                "nonce 0",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .nonceOfLength(0)
                        .build());
        other.put(
                "nonce 129",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .nonceOfLength(129)
                        .build());
        other.put(
                "another extension",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .requestExtension(new ASN1ObjectIdentifier("1.2.3.4"), false, new DERUTF8String("x"))
                        .build());
        other.put(
                "single extension",
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .singleRequestExtension(new ASN1ObjectIdentifier("1.2.3.4"), false, new DERUTF8String("x"))
                        .build());
        other.put(
                "trailing bytes",
                OcspRequestBuilder.withTrailingBytes(
                        OcspRequestBuilder.create()
                                .certId(leaf, CertIdHash.SHA1)
                                .build(),
                        (byte) 0));
        other.put(
                "negative serial",
                OcspRequestBuilder.create()
                        .certIdRaw(CertIdHash.SHA1, new byte[20], new byte[20], BigInteger.valueOf(-5))
                        .build());
        OcspRequestBuilder many = OcspRequestBuilder.create();
        for (int i = 0; i < 33; i++) {
            many.certId(leaf, CertIdHash.SHA1);
        }
        other.put("33 CertIDs", many.build());
        for (Map.Entry<String, byte[]> e : other.entrySet()) {
            assertThat(PlainRequest.parse(e.getValue(), 32)).as(e.getKey()).isNull();
        }
    }

    @Test
    void theFuzzCorpusAndItsMutationsAreNeverReadOtherwiseThanByBouncyCastle() throws IOException {
        FuzzCorpus.Pki pki = FuzzCorpus.Pki.create();
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.putAll(FuzzCorpus.validRequests(pki));
        corpus.putAll(FuzzCorpus.foreignRequests(pki));
        corpus.putAll(FuzzCorpus.malformedRequests(pki));
        Random random = new Random(15);
        int plain = 0;
        int mutants = 0;
        for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
            plain += check(e.getKey(), e.getValue());
            for (int i = 0; i < 400; i++) {
                mutants++;
                plain += check(e.getKey() + " mutant " + i, mutate(e.getValue(), random));
            }
        }
        System.out.printf(
                "PlainRequestTest: %d inputs (%d mutants), %d read plain%n", corpus.size() + mutants, mutants, plain);
        assertThat(plain).isPositive();
    }

    /** 1 if {@code der} was read plain (and then as Bouncy Castle reads it), 0 if left to Bouncy Castle. */
    private static int check(String what, byte[] der) throws IOException {
        ParsedRequest fast = PlainRequest.parse(der, 32);
        if (fast == null) {
            return 0;
        }
        assertSame(what, fast, PARSER.parseWithBouncyCastle(der));
        return 1;
    }

    private static byte[] mutate(byte[] der, Random random) {
        byte[] out = der.clone();
        switch (random.nextInt(4)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            default -> {
                int at = random.nextInt(out.length + 1);
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                out = longer;
            }
        }
        return out;
    }

    private static void assertSame(String what, ParsedRequest fast, ParseResult full) throws IOException {
        assertThat(full).as(what).isInstanceOf(ParsedRequest.class);
        ParsedRequest slow = (ParsedRequest) full;
        assertThat(fast.signed()).as(what).isEqualTo(slow.signed());
        assertThat(fast.nonce()).as(what).isEqualTo(slow.nonce());
        assertThat(fast.certs()).as(what).hasSameSizeAs(slow.certs());
        for (int i = 0; i < fast.certs().size(); i++) {
            RequestedCert a = fast.certs().get(i);
            RequestedCert b = slow.certs().get(i);
            assertThat(a.certId().getEncoded(ASN1Encoding.DER))
                    .as(what)
                    .isEqualTo(b.certId().getEncoded(ASN1Encoding.DER));
            assertThat(a.hashAlgorithm()).as(what).isEqualTo(b.hashAlgorithm());
            assertThat(a.nameHash()).as(what).isEqualTo(b.nameHash());
            assertThat(a.keyHash()).as(what).isEqualTo(b.keyHash());
            assertThat(a.serial()).as(what).isEqualTo(b.serial());
        }
    }
}
