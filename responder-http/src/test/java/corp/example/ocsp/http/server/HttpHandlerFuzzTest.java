package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.ocsp.FuzzCorpus;
import corp.example.ocsp.testing.pki.CertBundle;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.ResourceLeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the HTTP front end (Jazzer): the server's real pipeline ({@link OcspChannelInitializer}:
 * connection limit, timeouts, Netty's codec and aggregator, {@link OcspHttpHandler}) on an
 * EmbeddedChannel, in front of two real responders ({@code /ocsp/} for an issuing CA,
 * {@code /root/} for its root) whose signing executor runs only when the test lets it, so answers
 * complete out of order.
 *
 * <p>{@link #rawStream} takes the input as the bytes of an HTTP/1.1 connection;
 * {@link #structuredRequests} reads a {@link FuzzedExchange} (pipelined requests with chosen
 * methods, targets, versions, headers, framing, DER bodies and GET encodings, cut into reads).
 * By default ({@code ./mvnw verify}) both run once per file of the checked-in seed corpus
 * {@code src/test/resources/corp/example/ocsp/http/server/HttpHandlerFuzzTestInputs/<test>/seeds/} (and the inputs beside {@code seeds/} that once failed),
 * written by {@link HttpHandlerFuzzSeeds}; {@code scripts/fuzz http MINUTES} fuzzes for real.
 *
 * <p>Properties, for every input: nothing escapes the pipeline ({@code checkException}) and no
 * message is left unconsumed; what the server writes reads strictly as HTTP/1.x responses
 * ({@link HttpResponses}), final ones answering the requests in order; each status is one the
 * server documents: 200 with {@code application/ocsp-response} and an OCSPResponse that is
 * successful (signed by that route's responder), malformedRequest or unauthorized; 304 for a
 * matching If-None-Match; 400, 404, 405 (with Allow), 408, 413 (the answer to a Content-Length
 * over the limit), 415, 431, 505, and the interim 100 for Expect; a response that says it closes the connection is the last and the connection is
 * closed, and a connection the server closed ended with such a response; every buffer is released
 * once the connection is gone, and Netty's leak detector, at paranoid level, reports nothing.
 */
class HttpHandlerFuzzTest {
    private static final Set<Integer> DOCUMENTED = Set.of(100, 200, 304, 400, 404, 405, 408, 413, 415, 431, 505);
    private static final HttpLimits LIMITS = HttpLimits.defaults();
    private static final FuzzCorpus.Pki PKI = FuzzCorpus.Pki.create();
    private static final FuzzConnection.Deferred EXECUTOR = new FuzzConnection.Deferred();
    private static final Clock CLOCK = Clock.fixed(FuzzCorpus.NOW, ZoneOffset.UTC);
    private static final OcspChannelInitializer INITIALIZER = ServerUnderTest.builder()
            .route("/ocsp/", responder("issuing", PKI.issuing(), PKI.signer()))
            .route("/root/", responder("root", PKI.root(), PKI.rootSigner()))
            .clock(CLOCK)
            .pipeline(EXECUTOR);
    /** The DER requests of every shape a structured exchange can carry. */
    static final List<byte[]> TEMPLATES = templates(PKI);

    private static final ListAppender<ILoggingEvent> LEAKS = leakReports();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private static Responder responder(String name, CertBundle ca, CertBundle signer) {
        Issuer issuer = Issuer.of(name, ca.holder());
        InMemoryStatusSource source = new InMemoryStatusSource()
                .good(issuer, FuzzCorpus.GOOD)
                .put(
                        issuer,
                        FuzzCorpus.REVOKED,
                        CertStatus.revoked(FuzzCorpus.NOW.minusSeconds(3600), RevocationReason.KEY_COMPROMISE));
        return TestResponders.responder(name, source)
                .clock(CLOCK)
                .cached()
                .issuer(issuer, signer)
                .build();
    }

    static List<byte[]> templates(FuzzCorpus.Pki pki) {
        List<byte[]> all = new ArrayList<>(FuzzCorpus.validRequests(pki).values());
        all.addAll(FuzzCorpus.foreignRequests(pki).values());
        all.addAll(FuzzCorpus.malformedRequests(pki).values());
        return all;
    }

    private static ListAppender<ILoggingEvent> leakReports() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).addAppender(appender);
        return appender;
    }

    @FuzzTest
    void rawStream(byte[] input) throws Exception {
        exchange(input, List.of());
    }

    @FuzzTest
    void structuredRequests(FuzzedDataProvider data) throws Exception {
        FuzzedExchange exchange = FuzzedExchange.read(data, TEMPLATES.size());
        exchange(exchange.toBytes(TEMPLATES), exchange.cuts());
    }

    /** Sends {@code input} in reads cut at {@code cuts} and checks every property on what comes back. */
    private static void exchange(byte[] input, List<FuzzedExchange.Cut> cuts) throws Exception {
        List<HttpResponses.Sent> requests = HttpResponses.requests(input, LIMITS);
        try (FuzzConnection connection = new FuzzConnection(INITIALIZER, EXECUTOR)) {
            int from = 0;
            for (FuzzedExchange.Cut cut : cuts.stream()
                    .sorted((a, b) -> Integer.compare(
                            a.position() % Math.max(1, input.length), b.position() % Math.max(1, input.length)))
                    .toList()) {
                int to = cut.position() % Math.max(1, input.length);
                connection.send(Arrays.copyOfRange(input, from, Math.max(from, to)));
                from = Math.max(from, to);
                if (cut.runDeferred()) {
                    connection.runDeferred();
                }
            }
            connection.send(Arrays.copyOfRange(input, from, input.length));
            connection.runDeferred();

            List<HttpResponses.Response> responses = HttpResponses.parse(connection.written(), requests);
            for (int i = 0; i < responses.size(); i++) {
                HttpResponses.Response r = responses.get(i);
                assertDocumented(r);
                if (r.closes()) {
                    assertThat(i).as("responses after %s", r).isEqualTo(responses.size() - 1);
                    assertThat(connection.isOpen())
                            .as("connection open after %s", r)
                            .isFalse();
                }
            }
            if (!connection.isOpen()) {
                assertThat(responses)
                        .as("responses on a connection the server closed")
                        .isNotEmpty();
                assertThat(responses.get(responses.size() - 1).closes())
                        .as("last response before the close: %s", responses.get(responses.size() - 1))
                        .isTrue();
            }
        }
        assertThat(LEAKS.list).as("Netty leak reports").isEmpty();
    }

    private static void assertDocumented(HttpResponses.Response r) throws Exception {
        assertThat(DOCUMENTED).as("status of %s", r).contains(r.status());
        HttpResponses.Sent request = r.request();
        if (r.status() == 200 || r.status() == 304) {
            assertThat(request.method()).as("method answered with %s", r).isIn(HttpMethod.GET, HttpMethod.POST);
            assertThat(request.contentLength())
                    .as("Content-Length of the request answered %s", r)
                    .isLessThanOrEqualTo(LIMITS.maxBodyBytes());
        }
        if (request != null && request.contentLength() > LIMITS.maxBodyBytes()) {
            assertThat(r.status()).as("answer to a body over the limit").isEqualTo(413);
        }
        switch (r.status()) {
            case 200 -> assertOcsp(r);
            case 304 -> assertThat(r.header("etag")).as("ETag of %s", r).isNotNull();
            case 405 -> assertThat(r.header("allow")).isEqualTo("GET, POST");
            default -> {}
        }
    }

    private static void assertOcsp(HttpResponses.Response r) throws Exception {
        assertThat(r.header("content-type")).isEqualTo(HttpAnswers.OCSP_RESPONSE);
        OCSPResp resp = new OCSPResp(r.body());
        assertThat(resp.getStatus())
                .as("OCSP status in %s", r)
                .isIn(OCSPResp.SUCCESSFUL, OCSPResp.MALFORMED_REQUEST, OCSPResp.UNAUTHORIZED);
        if (resp.getStatus() == OCSPResp.SUCCESSFUL) {
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            CertBundle signer =
                    HttpGuards.path(r.request().uri()).startsWith("/root") ? PKI.rootSigner() : PKI.signer();
            assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                            .setProvider(new BouncyCastleProvider())
                            .build(signer.holder())))
                    .as("signature of %s", r)
                    .isTrue();
        }
    }

    /** Regression mode is only as good as its corpus: it must be on the class path, whole. */
    @Test
    void seedCorpora_areOnTheClassPath() throws Exception {
        for (String test : List.of("rawStream", "structuredRequests")) {
            Path dir = Path.of(HttpHandlerFuzzTest.class
                    .getResource("HttpHandlerFuzzTestInputs/" + test + "/seeds")
                    .toURI());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(Files::isRegularFile).count()).as(test).isGreaterThanOrEqualTo(20);
            }
        }
    }
}
