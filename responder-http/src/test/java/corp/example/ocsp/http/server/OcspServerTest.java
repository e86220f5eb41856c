package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.ResponderSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import io.netty.handler.codec.DateFormatter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP front end over real loopback sockets (CONFORMANCE.md section A and the cache headers of E). */
class OcspServerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static Ca issuing;
    private static Ca root;
    private static CertBundle good;
    private static CertBundle revoked;
    private static CertBundle unknown;
    private static OcspServer server;
    private static ThreadPoolExecutor executor;
    private static int port;
    private static int secondPort;
    private static OcspAnswer fixed;

    @BeforeAll
    static void start() throws Exception {
        root = TestPki.newRoot("HTTP Root").build();
        issuing = root.issueIntermediate("HTTP Issuing CA").build();
        CertBundle signer = issuing.issueOcspSigner("HTTP OCSP").build();
        CertBundle rootSigner = root.issueOcspSigner("HTTP Root OCSP").build();
        good = issuing.issueLeaf("good.example").build();
        revoked = issuing.issueLeaf("revoked.example").build();
        unknown = issuing.issueLeaf("unknown.example").build();
        Issuer issuer = Issuer.of("issuing", issuing.holder());
        Issuer rootIssuer = Issuer.of("root", root.holder());
        InMemoryStatusSource source = new InMemoryStatusSource()
                .good(issuer, good.serial())
                .put(issuer, revoked.serial(), CertStatus.revoked(Instant.now().minusSeconds(60),
                        RevocationReason.KEY_COMPROMISE))
                .good(rootIssuer, issuing.serial());
        Responder responder = Responder.builder("issuing", source)
                .issuer(issuer, ResponderSigner.create("signer", signer.holder(), signer.privateKey(), issuer,
                        Clock.systemUTC()))
                .build();
        Responder rootResponder = Responder.builder("root", source)
                .issuer(rootIssuer, ResponderSigner.create("root signer", rootSigner.holder(),
                        rootSigner.privateKey(), rootIssuer, Clock.systemUTC()))
                .build();
        executor = BoundedExecutor.create("test-sign", 2, 100);
        HttpLimits limits = new HttpLimits(4096, 2048, 4096, Duration.ofSeconds(1), Duration.ofSeconds(2), 100,
                Duration.ofHours(1));
        fixed = responder.respond(request(good));
        Endpoint cached = fixedEndpoint("fixed");
        server = OcspServer.start(List.of(
                new Listener(new InetSocketAddress("127.0.0.1", 0), List.of(
                        new Route("/", new ResponderEndpoint(responder, executor)),
                        new Route("/root", new ResponderEndpoint(rootResponder, executor)),
                        new Route("/fixed/", cached))),
                new Listener(new InetSocketAddress("127.0.0.1", 0), List.of(
                        new Route("/", new ResponderEndpoint(rootResponder, executor))))),
                limits, ServerMetrics.Noop.INSTANCE, Clock.systemUTC(), 2);
        port = server.addresses().get(0).getPort();
        secondPort = server.addresses().get(1).getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
        executor.shutdownNow();
    }

    /** An endpoint that answers every request with the same signed bytes, as a cache hit. */
    private static Endpoint fixedEndpoint(String name) {
        return new Endpoint() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Reply answer(byte[] request) {
                return new Reply.Now(fixed, true);
            }
        };
    }

    private static byte[] request(CertBundle leaf) {
        return OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
    }

    private static RawHttp.Response exchange(byte[] raw) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(raw).read();
        }
    }

    private static CertificateStatus status(byte[] der) throws Exception {
        OCSPResp resp = new OCSPResp(der);
        assertThat(resp.getStatus()).isZero();
        return ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus();
    }

    private static String urlEncoded(byte[] der) {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII);
    }

    @Test
    void post_answersWithOcspResponseContentTypeAndLength() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post("/", "HTTP/1.1", request(good),
                "Content-Type: application/ocsp-request", "Connection: close"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/ocsp-response");
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
        assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void post_withoutContentTypeIsAccepted_otherTypesGet415() throws Exception {
        assertThat(exchange(RawHttp.post("/", "HTTP/1.0", request(good))).status()).isEqualTo(200);
        RawHttp.Response wrong = exchange(RawHttp.post("/", "HTTP/1.0", request(good), "Content-Type: text/plain"));
        assertThat(wrong.status()).isEqualTo(415);
        assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).contains("application/ocsp-request");
    }

    @Test
    void get_percentEncodedAndRawBase64_giveTheSameAnswerAsPost() throws Exception {
        byte[] der = request(revoked);
        String raw = Base64.getEncoder().encodeToString(der);
        String url = raw.replace('+', '-').replace('/', '_').replace("=", "");
        for (String path : new String[] {"/" + urlEncoded(der), "/" + raw, "/" + url}) {
            RawHttp.Response r = exchange(RawHttp.get(path, "HTTP/1.0"));
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(status(r.body())).as(path).isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
        }
    }

    @Test
    void get_base64WithSlashAndPlusIsNotSplitOrSpaced() throws Exception {
        // find a request whose base64 holds both '/' and '+': vary the nonce until it does
        for (int i = 0; i < 200_000; i++) {
            byte[] der = OcspRequestBuilder.create().certId(good, CertIdHash.SHA1).nonceOfLength(16).build();
            String raw = Base64.getEncoder().encodeToString(der);
            if (raw.contains("/") && raw.contains("+") && raw.contains("//")) {
                RawHttp.Response r = exchange(RawHttp.get("/" + raw, "HTTP/1.0"));
                assertThat(r.status()).isEqualTo(200);
                assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
                return;
            }
        }
        throw new AssertionError("no request with '//' and '+' in its base64 in 200000 tries");
    }

    @Test
    void get_longerThan255BytesIsAnswered() throws Exception {
        byte[] der = OcspRequestBuilder.create().certId(good, CertIdHash.SHA256).nonceOfLength(128).build();
        String path = "/" + urlEncoded(der);
        assertThat(path.length()).isGreaterThan(255);

        RawHttp.Response r = exchange(RawHttp.get(path, "HTTP/1.1", "Connection: close"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void get_undecodablePathIs400() throws Exception {
        assertThat(exchange(RawHttp.get("/not*base64!", "HTTP/1.0")).status()).isEqualTo(400);
        assertThat(exchange(RawHttp.get("/%ZZ", "HTTP/1.0")).status()).isEqualTo(400);
        assertThat(exchange(RawHttp.get("/", "HTTP/1.0")).status()).isEqualTo(400);
    }

    @Test
    void ocspErrors_areHttp200WithTheOcspContentType() throws Exception {
        for (byte[] body : new byte[][] {new byte[0], HEX.parseHex("3000"), "garbage".getBytes()}) {
            RawHttp.Response r = exchange(RawHttp.post("/", "HTTP/1.0", body, "Content-Type: application/ocsp-request"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/ocsp-response");
            assertThat(HEX.formatHex(r.body())).isEqualTo("30030a0101");
            assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        }
    }

    @Test
    void http10WithoutKeepAlive_isAnsweredThenClosed() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response r = http.send(RawHttp.post("/", "HTTP/1.0", request(good),
                    "Content-Type: application/ocsp-request")).read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void http11KeepAliveAndPipelining_answerInRequestOrder() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            byte[] a = RawHttp.post("/", "HTTP/1.1", request(good), "Content-Type: application/ocsp-request");
            byte[] b = RawHttp.get("/" + urlEncoded(request(revoked)), "HTTP/1.1");
            byte[] c = RawHttp.post("/", "HTTP/1.1", request(unknown));
            List<RawHttp.Response> answers = http.send(RawHttp.concat(a, b, c, a)).readAll(4);

            assertThat(status(answers.get(0).body())).isEqualTo(CertificateStatus.GOOD);
            assertThat(status(answers.get(1).body())).isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
            assertThat(status(answers.get(2).body())).isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
            assertThat(status(answers.get(3).body())).isEqualTo(CertificateStatus.GOOD);
            http.socket.setSoTimeout(500); // well inside the 2 s idle timeout
            assertThat(http.closedByServer()).as("keep-alive connection stays open").isFalse();
        }
    }

    @Test
    void accessLog_hasOneLinePerRequestWithClientMethodSerialAnswerAndLatency() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("ocsp.access");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            exchange(RawHttp.post("/", "HTTP/1.0", request(revoked)));
            exchange(RawHttp.get("/!!", "HTTP/1.0"));
        } finally {
            logger.detachAppender(lines);
        }
        List<String> messages = lines.list.stream().map(e -> e.getFormattedMessage()).toList();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).startsWith("127.0.0.1 POST serial=" + SerialNumbers.hex(revoked.serial())
                + " answer=revoked status=200").containsPattern("ms=\\d");
        assertThat(messages.get(1)).startsWith("127.0.0.1 GET serial=- answer=400");
    }

    @Test
    void otherMethodsGet405WithAllow() throws Exception {
        RawHttp.Response r = exchange(("PUT / HTTP/1.0\r\nContent-Length: 0\r\n\r\n").getBytes());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void bodyOverTheLimitGets413() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post("/", "HTTP/1.0", new byte[5000],
                "Content-Type: application/ocsp-request"));
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void uriOverTheLimitGets413() throws Exception {
        RawHttp.Response r = exchange(RawHttp.get("/" + "A".repeat(3000), "HTTP/1.0"));
        assertThat(r.status()).isEqualTo(413);
    }

    /** A client that keeps to the limits, on a connection opened before a violation: still answered. */
    private static void assertUnaffected(RawHttp wellBehaved) throws Exception {
        RawHttp.Response r = wellBehaved.send(RawHttp.post("/", "HTTP/1.1", request(good),
                "Content-Type: application/ocsp-request")).read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void headerBlockOverTheLimitGets431AndClose_whileOtherClientsAreServed() throws Exception {
        try (RawHttp wellBehaved = new RawHttp(port); RawHttp violator = new RawHttp(port)) {
            RawHttp.Response r = violator.send(RawHttp.post("/", "HTTP/1.1", request(good),
                    "X-Padding: " + "p".repeat(5000))).read();

            assertThat(r.status()).isEqualTo(431);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("headers larger than 4096 bytes");
            assertThat(violator.closedByServer()).isTrue();
            assertUnaffected(wellBehaved);
        }
        // many headers that are each small count together
        String[] many = new String[300];
        java.util.Arrays.setAll(many, i -> "X-H" + i + ": " + "v".repeat(10));
        assertThat(exchange(RawHttp.post("/", "HTTP/1.0", request(good), many)).status()).isEqualTo(431);
        // just under the limit is fine
        assertThat(exchange(RawHttp.post("/", "HTTP/1.0", request(good), "X-Padding: " + "p".repeat(3500))).status())
                .isEqualTo(200);
    }

    @Test
    void moreCertIdsThanTheLimitGetMalformedRequest_theLimitItselfIsAnswered() throws Exception {
        int limit = ResponderSettings.defaults().maxCertIds();
        OcspRequestBuilder atLimit = OcspRequestBuilder.create();
        for (int i = 0; i < limit; i++) {
            atLimit.certId(i % 2 == 0 ? good : revoked, CertIdHash.SHA1);
        }
        OcspRequestBuilder overLimit = OcspRequestBuilder.create();
        for (int i = 0; i <= limit; i++) {
            overLimit.certId(good, CertIdHash.SHA1);
        }
        try (RawHttp wellBehaved = new RawHttp(port)) {
            RawHttp.Response refused = exchange(RawHttp.post("/", "HTTP/1.0", overLimit.build()));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(HEX.formatHex(refused.body())).as("malformedRequest").isEqualTo("30030a0101");

            RawHttp.Response answered = exchange(RawHttp.post("/", "HTTP/1.0", atLimit.build()));
            BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(answered.body()).getResponseObject();
            assertThat(basic.getResponses()).hasSize(limit);
            assertThat(basic.getResponses()[1].getCertStatus()).isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
            assertUnaffected(wellBehaved);
        }
    }

    @Test
    void nonceLongerThan128OctetsGetsMalformedRequest_128IsEchoed() throws Exception {
        RawHttp.Response refused = exchange(RawHttp.post("/", "HTTP/1.0",
                OcspRequestBuilder.create().certId(good, CertIdHash.SHA1).nonceOfLength(129).build()));
        assertThat(HEX.formatHex(refused.body())).as("malformedRequest").isEqualTo("30030a0101");

        byte[] nonce = new byte[128];
        java.util.Arrays.fill(nonce, (byte) 0x5a);
        RawHttp.Response echoed = exchange(RawHttp.post("/", "HTTP/1.0",
                OcspRequestBuilder.create().certId(good, CertIdHash.SHA1).nonce(nonce).build()));
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(echoed.body()).getResponseObject();
        assertThat(basic.getExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                .getExtnValue().getOctets()).endsWith(nonce);
    }

    @Test
    void getCacheHeaders_followRfc9919AndIfNoneMatchGets304() throws Exception {
        byte[] der = request(good);
        Instant before = Instant.now();
        RawHttp.Response r = exchange(RawHttp.get("/" + urlEncoded(der), "HTTP/1.0"));

        assertThat(r.header("Cache-Control")).matches("max-age=\\d+, public, no-transform, must-revalidate");
        long maxAge = Long.parseLong(r.header("Cache-Control").replaceAll("max-age=(\\d+),.*", "$1"));
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(r.body()).getResponseObject();
        Instant nextUpdate = basic.getResponses()[0].getNextUpdate().toInstant();
        Instant date = DateFormatter.parseHttpDate(r.header("Date")).toInstant();
        assertThat(maxAge).isPositive().isLessThanOrEqualTo(Duration.between(date, nextUpdate).getSeconds());
        assertThat(DateFormatter.parseHttpDate(r.header("Expires")).toInstant()).isEqualTo(nextUpdate);
        assertThat(DateFormatter.parseHttpDate(r.header("Last-Modified")).toInstant())
                .isEqualTo(basic.getProducedAt().toInstant());
        assertThat(date).isAfterOrEqualTo(before.minusSeconds(1));
        String sha256 = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
        assertThat(r.header("ETag")).isEqualTo("\"" + sha256 + "\"");
        assertThat(r.headers()).doesNotContainKey("pragma");
    }

    @Test
    void ifNoneMatchWithTheCurrentEtag_gets304AndAnotherEtagGetsTheBody() throws Exception {
        String path = "/fixed/" + urlEncoded(request(good));
        RawHttp.Response first = exchange(RawHttp.get(path, "HTTP/1.0"));
        String etag = first.header("ETag");
        assertThat(etag).isEqualTo("\"" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(fixed.der())) + "\"");

        RawHttp.Response same = exchange(RawHttp.get(path, "HTTP/1.0", "If-None-Match: " + etag));
        RawHttp.Response other = exchange(RawHttp.get(path, "HTTP/1.0", "If-None-Match: \"0000\""));

        assertThat(same.status()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.header("ETag")).isEqualTo(etag);
        assertThat(same.header("Cache-Control")).startsWith("max-age=");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(fixed.der());
    }

    @Test
    void secondListener_servesItsOwnResponder() throws Exception {
        byte[] forRoot = OcspRequestBuilder.create().certId(issuing, CertIdHash.SHA1).build();
        try (RawHttp http = new RawHttp(secondPort)) {
            RawHttp.Response r = http.send(RawHttp.post("/", "HTTP/1.0", forRoot)).read();
            assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
        }
    }

    @Test
    void connectionsOverTheLimit_areClosedWhileOthersAreServed() throws Exception {
        HttpLimits one = new HttpLimits(4096, 2048, 4096, Duration.ofSeconds(5), Duration.ofSeconds(30), 1,
                Duration.ofHours(1));
        Endpoint endpoint = fixedEndpoint("limited");
        try (OcspServer limited = OcspServer.start(List.of(new Listener(new InetSocketAddress("127.0.0.1", 0),
                List.of(new Route("/", endpoint)))), one, ServerMetrics.Noop.INSTANCE, Clock.systemUTC(), 1)) {
            int p = limited.addresses().get(0).getPort();
            try (RawHttp first = new RawHttp(p); RawHttp second = new RawHttp(p)) {
                assertThat(first.send(RawHttp.post("/", "HTTP/1.1", request(good))).read().status()).isEqualTo(200);
                assertThat(second.closedByServer()).isTrue();
                assertThat(first.send(RawHttp.post("/", "HTTP/1.1", request(good))).read().status()).isEqualTo(200);
            }
        }
    }

    @Test
    void nonAuthoritativeAnswers_carryNoCache() throws Exception {
        RawHttp.Response r = exchange(RawHttp.get("/" + urlEncoded(request(unknown)), "HTTP/1.0"));
        assertThat(status(r.body())).isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(r.headers()).doesNotContainKeys("etag", "expires");
    }

    @Test
    void pathPrefix_routesToItsResponder() throws Exception {
        byte[] forRoot = OcspRequestBuilder.create().certId(issuing, CertIdHash.SHA1).build();

        RawHttp.Response viaPrefix = exchange(RawHttp.post("/root", "HTTP/1.0", forRoot));
        RawHttp.Response viaGet = exchange(RawHttp.get("/root/" + urlEncoded(forRoot), "HTTP/1.0"));
        RawHttp.Response wrongResponder = exchange(RawHttp.post("/", "HTTP/1.0", forRoot));

        assertThat(status(viaPrefix.body())).isEqualTo(CertificateStatus.GOOD);
        assertThat(status(viaGet.body())).isEqualTo(CertificateStatus.GOOD);
        assertThat(HEX.formatHex(wrongResponder.body())).isEqualTo("30030a0106"); // unauthorized
    }

    @Test
    void requestTrickledSlowerThanTheDeadline_gets408AndIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST / HTTP/1.1\r\nHost: x\r\n".getBytes());
            RawHttp.Response r = http.read(); // the deadline is 1 s in this test
            assertThat(r.status()).isEqualTo(408);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnection_isClosed() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(RawHttp.post("/", "HTTP/1.1", request(good))).read();
            http.socket.setSoTimeout(5000); // the idle timeout is 2 s in this test
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void gracefulStop_finishesTheAnswerInFlightAndRefusesNewConnections() throws Exception {
        CompletableFuture<Void> lookupStarted = new CompletableFuture<>();
        Issuer issuer = Issuer.of("issuing", issuing.holder());
        Responder slow = Responder.builder("slow", (i, s) -> {
            lookupStarted.complete(null);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CertStatus.good();
        }).issuer(issuer, ResponderSigner.create("s", issuing.holder(), issuing.privateKey(), issuer,
                Clock.systemUTC())).build();
        ThreadPoolExecutor signing = BoundedExecutor.create("graceful", 1, 10);
        OcspServer stopping = OcspServer.start(List.of(new Listener(new InetSocketAddress("127.0.0.1", 0),
                List.of(new Route("/", new ResponderEndpoint(slow, signing))))), HttpLimits.defaults(),
                ServerMetrics.Noop.INSTANCE, Clock.systemUTC(), 1);
        int p = stopping.addresses().get(0).getPort();
        try (RawHttp inFlight = new RawHttp(p)) {
            inFlight.send(RawHttp.post("/", "HTTP/1.0", request(good)));
            lookupStarted.get(5, java.util.concurrent.TimeUnit.SECONDS);

            Thread stopper = new Thread(() -> stopping.stopGracefully(signing, Duration.ofSeconds(5)));
            stopper.start();
            Thread.sleep(100);
            assertThat(canConnect(p)).as("new connections are refused while stopping").isFalse();

            RawHttp.Response r = inFlight.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
            stopper.join(10_000);
            assertThat(signing.isTerminated()).isTrue();
        }
    }

    private static boolean canConnect(int p) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", p), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void portInUse_isAOneLineErrorNamingTheAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OcspServer.start(List.of(new Listener(address,
                    List.of(new Route("/", new ResponderEndpoint(Responder.builder("busy", (i, s) -> CertStatus.good())
                            .issuer(Issuer.of("issuing", issuing.holder()), ResponderSigner.create("s",
                                    issuing.holder(), issuing.privateKey(), Issuer.of("issuing", issuing.holder()),
                                    Clock.systemUTC())).build(), executor))))),
                    HttpLimits.defaults(), ServerMetrics.Noop.INSTANCE, Clock.systemUTC(), 1))
                    .hasMessageStartingWith("cannot listen on " + address + " for responder(s) [busy]: ")
                    .hasMessageContaining("in use");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.start(address,
                    () -> new AdminServer.Readiness(true, ""), () -> "", () -> new AdminServer.Reloaded(true, "")))
                    .hasMessageStartingWith("cannot listen on " + address + " (admin.listen): ");
        }
    }

    @Test
    void fullSigningQueue_answersTryLaterAtOnce() throws Exception {
        ThreadPoolExecutor tiny = BoundedExecutor.create("tiny", 1, 1);
        CompletableFuture<Void> block = new CompletableFuture<>();
        tiny.execute(block::join);
        tiny.execute(() -> { });
        try {
            Responder responder = Responder.builder("tiny", (i, s) -> CertStatus.good())
                    .issuer(Issuer.of("issuing", issuing.holder()), ResponderSigner.create("s",
                            issuing.holder(), issuing.privateKey(), Issuer.of("issuing", issuing.holder()),
                            Clock.systemUTC()))
                    .build();
            Endpoint.Reply reply = new ResponderEndpoint(responder, tiny).answer(request(good));
            assertThat(reply).isInstanceOf(Endpoint.Reply.Now.class);
            OcspAnswer answer = ((Endpoint.Reply.Now) reply).answer();
            assertThat(HEX.formatHex(answer.der())).isEqualTo("30030a0103");
        } finally {
            block.complete(null);
            tiny.shutdownNow();
        }
    }
}
