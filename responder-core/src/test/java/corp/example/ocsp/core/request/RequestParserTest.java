package corp.example.ocsp.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ASN1ObjectIdentifier UNKNOWN_OID = new ASN1ObjectIdentifier("1.2.3.4");
    private static Ca ca;
    private static CertBundle leaf;
    private final RequestParser parser = new RequestParser(32);

    @BeforeAll
    static void pki() {
        ca = TestPki.newRoot("Parser CA").build();
        leaf = ca.issueLeaf("parser.example").build();
    }

    private static OcspRequestBuilder valid() {
        return OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1);
    }

    private ParsedRequest parsed(byte[] der) {
        ParseResult result = parser.parse(der);
        assertThat(result).isInstanceOf(ParsedRequest.class);
        return (ParsedRequest) result;
    }

    private void assertMalformed(byte[] der, String reasonPart) {
        ParseResult result = parser.parse(der);
        assertThat(result).isInstanceOf(ParseFailure.class);
        ParseFailure failure = (ParseFailure) result;
        assertThat(failure.status()).isEqualTo(ErrorStatus.MALFORMED_REQUEST);
        assertThat(failure.reason()).contains(reasonPart);
    }

    @Test
    void validRequest_yieldsItsCertIdFields() {
        ParsedRequest req = parsed(valid().build());

        assertThat(req.certs()).hasSize(1);
        RequestedCert cert = req.certs().get(0);
        assertThat(cert.hashAlgorithm()).contains(HashAlgorithm.SHA1);
        assertThat(cert.serial()).isEqualTo(leaf.serial());
        assertThat(cert.nameHash()).hasSize(20);
        assertThat(req.nonce()).isEmpty();
        assertThat(req.signed()).isFalse();
    }

    @Test
    void emptyBody_isMalformed() {
        assertMalformed(new byte[0], "empty");
        assertMalformed(null, "empty");
    }

    @Test
    void emptySequence_isMalformed() {
        assertMalformed(HEX.parseHex("3000"), "not a DER OCSPRequest: ");
    }

    @Test
    void truncatedDer_isMalformed() {
        byte[] der = valid().build();
        for (int cut = 1; cut < der.length; cut++) {
            assertMalformed(Arrays.copyOf(der, cut), "not a DER OCSPRequest: EOFException: ");
        }
    }

    @Test
    void trailingBytes_areMalformed() {
        assertMalformed(OcspRequestBuilder.withTrailingBytes(valid().build(), (byte) 0), "after the OCSPRequest");
        assertMalformed(OcspRequestBuilder.withTrailingBytes(valid().build(), (byte) 0x30, (byte) 0), "after");
    }

    @Test
    void wrongOuterTag_isMalformed() {
        byte[] der = valid().build();
        der[0] = 0x31; // SET instead of SEQUENCE
        assertMalformed(der, "the request is not a SEQUENCE");
    }

    /**
     * A SEQUENCE claiming 2 GiB of content in 8 bytes: refused for its length, with the parse
     * allocating what any small input may (the fuzz tests' bound: 64 KiB plus 128 bytes per input
     * byte), not a buffer of the claimed size.
     */
    @Test
    void lengthClaimingMoreThanTheInput_isMalformedWithoutAllocating() {
        byte[] der = HEX.parseHex("30847fffffff3000");
        parser.parse(der); // the first parse along a path loads classes, which allocates too
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        ParseResult result = parser.parse(der);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated)
                .as("bytes allocated parsing %d input bytes", der.length)
                .isLessThanOrEqualTo(RequestParserFuzzTest.allocationBound(der.length));
        assertThat(result).isInstanceOf(ParseFailure.class);
        assertThat(((ParseFailure) result).status()).isEqualTo(ErrorStatus.MALFORMED_REQUEST);
        assertThat(((ParseFailure) result).reason()).contains("out of bounds length");
    }

    @Test
    void emptyRequestList_isMalformed() {
        assertMalformed(OcspRequestBuilder.create().build(), "empty requestList");
    }

    @Test
    void versionOtherThanV1_isMalformed() {
        assertMalformed(valid().version(1).build(), "version");
    }

    @Test
    void moreCertIdsThanTheLimit_isMalformed() {
        OcspRequestBuilder b = OcspRequestBuilder.create();
        for (int i = 0; i < 33; i++) {
            b.certId(ca.certificate(), BigInteger.valueOf(i + 1), CertIdHash.SHA1);
        }
        assertMalformed(b.build(), "33 CertIDs, more than the limit of 32");
        assertThat(new RequestParser(33).parse(b.build())).isInstanceOf(ParsedRequest.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 32, 33, 128})
    void nonceFromOneTo128Octets_isAccepted(int length) {
        ParsedRequest req = parsed(valid().nonceOfLength(length).build());
        assertThat(req.nonce()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129})
    void nonceOfZeroOrOver128Octets_isMalformed(int length) {
        assertMalformed(valid().nonceOfLength(length).build(), "nonce of " + length + " octets");
    }

    @Test
    void unknownCriticalRequestExtension_isMalformed() {
        assertMalformed(
                valid().requestExtension(UNKNOWN_OID, true, new DERUTF8String("x"))
                        .build(),
                "unsupported critical request extension 1.2.3.4");
    }

    @Test
    void unknownNonCriticalExtensions_areIgnored() {
        ParsedRequest req = parsed(valid().requestExtension(UNKNOWN_OID, false, new DERUTF8String("x"))
                .singleRequestExtension(UNKNOWN_OID, false, new DERUTF8String("y"))
                .build());
        assertThat(req.certs()).hasSize(1);
    }

    @Test
    void unknownCriticalSingleRequestExtension_isMalformed() {
        assertMalformed(
                valid().singleRequestExtension(UNKNOWN_OID, true, new DERUTF8String("y"))
                        .build(),
                "singleRequestExtension 1.2.3.4");
    }

    @Test
    void requestorNameInAnUnsignedRequest_isIgnored() {
        ParsedRequest req = parsed(valid().requestorName(new GeneralName(new X500Name("CN=someone")))
                .build());
        assertThat(req.certs().get(0).serial()).isEqualTo(leaf.serial());
    }

    @Test
    void signedRequest_isAccepted() {
        CertBundle client = ca.issueLeaf("client.example").build();
        ParsedRequest req = parsed(valid().signedBy(client).build());
        assertThat(req.signed()).isTrue();
    }

    @Test
    void hashParametersAbsentOrNull_areBothAccepted() {
        assertThat(parsed(valid().build()).certs().get(0).hashAlgorithm()).contains(HashAlgorithm.SHA1);
        assertThat(parsed(OcspRequestBuilder.create()
                                .certId(leaf, CertIdHash.SHA256)
                                .hashParametersAbsent()
                                .build())
                        .certs()
                        .get(0)
                        .hashAlgorithm())
                .contains(HashAlgorithm.SHA256);
    }

    @Test
    void serialEdgeCases_areReadExactlyAsIntegers() {
        BigInteger twentyOctets = new BigInteger(1, HEX.parseHex("7f" + "ab".repeat(19)));
        BigInteger padded = new BigInteger(1, HEX.parseHex("80" + "01".repeat(15)));
        for (BigInteger serial : new BigInteger[] {
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.valueOf(-1),
            BigInteger.valueOf(127),
            BigInteger.valueOf(128),
            twentyOctets,
            padded
        }) {
            ParsedRequest req = parsed(OcspRequestBuilder.create()
                    .certId(ca.certificate(), serial, CertIdHash.SHA1)
                    .build());
            assertThat(req.certs().get(0).serial()).isEqualTo(serial);
        }
    }

    @Test
    void randomMutationsOfValidRequests_neverThrow() {
        Random random = new Random(20261122);
        byte[][] seeds = {
            valid().build(),
            valid().nonceOfLength(16).build(),
            OcspRequestBuilder.create()
                    .certId(leaf, CertIdHash.SHA256)
                    .certId(leaf, CertIdHash.SHA1)
                    .build()
        };
        for (int i = 0; i < 20_000; i++) {
            byte[] der = seeds[i % seeds.length].clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                der[random.nextInt(der.length)] = (byte) random.nextInt(256);
            }
            ParseResult result = parser.parse(der);
            assertThat(result).isNotNull();
            if (result instanceof ParseFailure failure) {
                assertThat(failure.status()).isEqualTo(ErrorStatus.MALFORMED_REQUEST);
            }
        }
    }
}
