package corp.example.ocsp.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.FuzzCorpus;
import corp.example.ocsp.testing.pki.TestPki;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link RequestParser} and {@link Responder#respond(byte[])} with raw bytes (Jazzer).
 *
 * <p>By default ({@code ./mvnw verify}) each {@code @FuzzTest} runs once per file of the checked-in
 * seed corpus {@code src/test/resources/corp/example/ocsp/core/request/RequestParserFuzzTestInputs}
 * (files directly in it are shared by both tests; {@code parse/} and {@code respond/} hold inputs
 * that once failed one of them). {@code scripts/fuzz parser MINUTES} fuzzes for real. The seeds
 * are written by {@link RequestParserFuzzSeeds}.
 *
 * <p>Properties, for every input: nothing is thrown; the parser returns malformedRequest or a
 * well-formed request; the parse allocates at most {@link #allocationBound} bytes, linear in the
 * input's length (a length field claiming more than the input holds must not size an
 * allocation); the responder's answer is a DER OCSPResponse that Bouncy Castle reads, successful
 * (signed by the responder's certificate, one SingleResponse per CertID, CertIDs and nonce echoed)
 * exactly when the parser accepted the request and every CertID is of the served CA, malformedRequest
 * exactly when the parser refused it, and unauthorized otherwise.
 */
class RequestParserFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final RequestParser PARSER = new RequestParser(32);
    private static final FuzzCorpus.Pki PKI = FuzzCorpus.Pki.create();
    private static final Issuer ISSUER = Issuer.of("fuzz issuing", PKI.issuing().holder());
    private static final Responder RESPONDER = responder();

    private static Responder responder() {
        Clock clock = Clock.fixed(FuzzCorpus.NOW, ZoneOffset.UTC);
        InMemoryStatusSource source = new InMemoryStatusSource()
                .good(ISSUER, FuzzCorpus.GOOD)
                .put(
                        ISSUER,
                        FuzzCorpus.REVOKED,
                        CertStatus.revoked(FuzzCorpus.NOW.minusSeconds(3600), RevocationReason.KEY_COMPROMISE));
        try {
            ResponderSigner signer = ResponderSigner.create(
                    "fuzz signer", PKI.signer().holder(), PKI.signer().privateKey(), ISSUER, clock);
            return Responder.builder("fuzz", source)
                    .clock(clock)
                    .cache(CacheSettings.defaults())
                    .issuer(ISSUER, signer)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The most a parse of {@code length} bytes may allocate: 128 bytes per input byte plus 64 KiB.
     * The parser copies each primitive's content once (1 byte per byte), spells OIDs as strings
     * (at most 4 characters per content octet, 12 bytes with the StringBuilder's growth), and
     * creates per TLV of at least 2 octets a handful of objects (the ASN.1 object, a nested
     * stream and a vector: about 200 bytes, so 100 per octet); the constant covers the fixed cost
     * (an exception's stack trace, the result, ASN1InputStream's buffers). An allocation sized by
     * a claimed length would be 2 GiB or more, and one quadratic in the length would pass this
     * bound from a few hundred bytes on.
     */
    static long allocationBound(int length) {
        return 128L * length + 64 * 1024;
    }

    @FuzzTest
    void parse(byte[] input) {
        ParseResult result = parseWithinAllocationBound(input);
        if (result instanceof ParseFailure failure) {
            assertThat(failure.status()).isEqualTo(ErrorStatus.MALFORMED_REQUEST);
            assertThat(failure.reason()).isNotBlank();
        } else {
            assertWellFormed((ParsedRequest) result);
        }
    }

    @FuzzTest
    void respond(byte[] input) throws Exception {
        assertAnswered(RESPONDER, input);
    }

    private static void assertAnswered(Responder responder, byte[] input) throws Exception {
        ParseResult parsed = PARSER.parse(input);
        OcspAnswer answer = responder.respond(input);

        OCSPResp resp = new OCSPResp(answer.der());
        if (parsed instanceof ParseFailure) {
            assertThat(resp.getStatus())
                    .as("status of a request the parser refused")
                    .isEqualTo(OCSPResp.MALFORMED_REQUEST);
            assertThat(answer.der()).isEqualTo(ErrorStatus.MALFORMED_REQUEST.der());
            return;
        }
        ParsedRequest request = (ParsedRequest) parsed;
        boolean ours = request.certs().stream()
                .allMatch(c -> c.hashAlgorithm()
                        .map(a -> ISSUER.matches(a, c.nameHash(), c.keyHash()))
                        .orElse(false));
        if (!ours) {
            assertThat(resp.getStatus())
                    .as("status of a request for a CA not served")
                    .isEqualTo(OCSPResp.UNAUTHORIZED);
            assertThat(answer.der()).isEqualTo(ErrorStatus.UNAUTHORIZED.der());
            return;
        }
        assertThat(resp.getStatus())
                .as("status of a well-formed request for the served CA")
                .isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .setProvider(TestPki.provider())
                        .build(PKI.signer().holder())))
                .as("signature")
                .isTrue();
        SingleResp[] singles = basic.getResponses();
        assertThat(singles).hasSameSizeAs(request.certs());
        for (int i = 0; i < singles.length; i++) {
            assertThat(singles[i].getCertID().toASN1Primitive().getEncoded(ASN1Encoding.DER))
                    .as("CertID %d echoed", i)
                    .isEqualTo(request.certs().get(i).certId().getEncoded(ASN1Encoding.DER));
        }
        if (request.nonce().isPresent()) {
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            assertThat(echoed).as("nonce echoed").isNotNull();
            assertThat(echoed.getExtnValue()).isEqualTo(request.nonce().get().getExtnValue());
        }
    }

    /** Inputs claiming 2^31-1 to 2^63 octets, outside and deep inside, answered without allocating them. */
    @Test
    void hugeClaimedLengths_areMalformedWithinTheAllocationBound() {
        Map<String, byte[]> inputs = FuzzCorpus.hugeLengths(PKI);
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(7);
        inputs.forEach((name, der) -> {
            ParseResult result = parseWithinAllocationBound(der);
            assertThat(result).as(name).isInstanceOf(ParseFailure.class);
            assertThat(((ParseFailure) result).status()).as(name).isEqualTo(ErrorStatus.MALFORMED_REQUEST);
            assertThat(RESPONDER.respond(der).der()).as(name).isEqualTo(ErrorStatus.MALFORMED_REQUEST.der());
        });
    }

    /**
     * Regression (found by fuzzing parse, input parse/crash-3cf125e3…): Bouncy Castle reads each
     * BER constructed string through a fresh 4 KiB buffer, so {@code 23 00} repeated made a parse
     * allocate 2 KiB per input byte. BER is refused before it reads anything.
     */
    @Test
    void berConstructedStrings_areMalformedWithinTheAllocationBound() {
        FuzzCorpus.malformedRequests(PKI).forEach((name, der) -> {
            if (name.startsWith("ber-")) {
                ParseResult result = parseWithinAllocationBound(der);
                assertThat(result).as(name).isInstanceOf(ParseFailure.class);
                assertThat(((ParseFailure) result).reason()).as(name).contains("BER, not DER");
            }
        });
    }

    /**
     * Regression: nested SEQUENCE headers made Bouncy Castle's recursive reader overflow the stack,
     * and the StackOverflowError escaped the parser (found by the seeds bad-deep-nesting-*; an
     * HTTP connection was closed without an answer). On a 256 KiB stack, far less than a Netty
     * event loop has, they are malformed like any bad input.
     */
    @Test
    void deepNesting_isMalformedEvenOnASmallStack() throws Exception {
        Map<String, byte[]> inputs = Map.of(
                "indefinite", FuzzCorpus.deepNesting(4000),
                "definite", FuzzCorpus.deepNestingDefinite(4000),
                "in a nonce",
                        PKI.request(FuzzCorpus.GOOD, CertIdHash.SHA1)
                                .nonce(FuzzCorpus.deepNestingDefinite(4000))
                                .build());
        Map<String, Object> results = new ConcurrentHashMap<>();
        Thread thread = new Thread(
                null,
                () -> inputs.forEach((name, der) -> {
                    try {
                        results.put(name, PARSER.parse(der));
                    } catch (Throwable t) {
                        results.put(name, t);
                    }
                }),
                "small-stack",
                256 * 1024);
        thread.start();
        thread.join();
        inputs.keySet().forEach(name -> {
            assertThat(results.get(name)).as(name).isInstanceOf(ParseFailure.class);
            assertThat(((ParseFailure) results.get(name)).status()).as(name).isEqualTo(ErrorStatus.MALFORMED_REQUEST);
        });
    }

    /**
     * Regression (found by fuzzing respond, input respond/crash-e45fa32b…): a CertID whose
     * hashAlgorithm parameters were neither absent nor NULL got the cached answer for NULL, so its
     * CertID was not echoed, and when it missed the cache its own answer was cached and served to
     * the clients that sent NULL.
     */
    @Test
    void certIdWithOtherHashParameters_isEchoedAndNeverCached() throws Exception {
        byte[] usual = PKI.request(FuzzCorpus.GOOD, CertIdHash.SHA1).build();
        byte[] odd = usual.clone();
        String sha1Null = "06052b0e03021a0500";
        int at = HexFormat.of().formatHex(odd).indexOf(sha1Null) / 2;
        odd[at + sha1Null.length() / 2 - 2] = 0x07; // parameters: an empty ObjectDescriptor instead of NULL
        Responder responder = responder();

        for (byte[] request : List.of(odd, usual, odd, usual)) {
            assertAnswered(responder, request);
        }
    }

    /** Regression mode is only as good as its corpus: it must be on the class path, whole. */
    @Test
    void seedCorpus_isOnTheClassPath() throws Exception {
        Path dir = Path.of(RequestParserFuzzTest.class
                .getResource("RequestParserFuzzTestInputs")
                .toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(40);
        }
    }

    private static ParseResult parseWithinAllocationBound(byte[] input) {
        long bound = allocationBound(input.length);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        ParseResult result = PARSER.parse(input);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (allocated > bound) {
            // The first parse along a new path loads classes, which allocates on this thread too;
            // what the input makes the parser allocate is the same on the second parse.
            before = THREADS.getCurrentThreadAllocatedBytes();
            result = PARSER.parse(input);
            allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(allocated)
                .as("bytes allocated parsing %d input bytes", input.length)
                .isLessThanOrEqualTo(bound);
        return result;
    }

    private static void assertWellFormed(ParsedRequest request) {
        assertThat(request.certs()).isNotEmpty().hasSizeLessThanOrEqualTo(32);
        for (RequestedCert cert : request.certs()) {
            assertThat(cert.certId()).isNotNull();
            assertThat(cert.nameHash()).isNotNull();
            assertThat(cert.keyHash()).isNotNull();
            assertThat(cert.serialHex()).isNotEmpty();
            cert.hashAlgorithm()
                    .ifPresent(a -> assertThat(a.oid())
                            .isEqualTo(cert.certId().getHashAlgorithm().getAlgorithm()));
        }
        request.nonce().ifPresent(n -> assertThat(n.getExtnId()).isEqualTo(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
    }
}
