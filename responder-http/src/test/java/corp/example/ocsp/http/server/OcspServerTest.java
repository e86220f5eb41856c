package corp.example.ocsp.http.server;

import static corp.example.ocsp.http.server.ExampleServer.request;
import static corp.example.ocsp.http.server.ExampleServer.status;
import static corp.example.ocsp.http.server.ExampleServer.urlEncoded;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import io.netty.handler.codec.DateFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP front end over real loopback sockets (CONFORMANCE.md section A and the cache headers of E). */
class OcspServerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static ExampleServer example;
    private static Ca issuing;
    private static CertBundle good;
    private static CertBundle revoked;
    private static CertBundle unknown;
    private static int secondPort;
    private static OcspAnswer fixed;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        example = ExampleServer.start();
        issuing = example.issuing();
        good = example.good();
        revoked = example.revoked();
        unknown = example.unknown();
        secondPort = example.secondPort();
        fixed = example.fixed();
        port = example.port();
    }

    @AfterAll
    static void stop() {
        example.close();
    }

    private static RawHttp.Response exchange(byte[] raw) throws IOException {
        return ExampleServer.exchange(port, raw);
    }

    @Test
    void post_answersWithOcspResponseContentTypeAndLength() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post(
                "/", "HTTP/1.1", request(good), "Content-Type: application/ocsp-request", "Connection: close"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/ocsp-response");
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
        assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void post_withoutContentTypeIsAccepted_otherTypesGet415() throws Exception {
        assertThat(exchange(RawHttp.post("/", "HTTP/1.0", request(good))).status())
                .isEqualTo(200);
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
            byte[] der = OcspRequestBuilder.create()
                    .certId(good, CertIdHash.SHA1)
                    .nonceOfLength(16)
                    .build();
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
        byte[] der = OcspRequestBuilder.create()
                .certId(good, CertIdHash.SHA256)
                .nonceOfLength(128)
                .build();
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
            RawHttp.Response r =
                    exchange(RawHttp.post("/", "HTTP/1.0", body, "Content-Type: application/ocsp-request"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/ocsp-response");
            assertThat(HEX.formatHex(r.body())).isEqualTo("30030a0101");
            assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        }
    }

    @Test
    void http10WithoutKeepAlive_isAnsweredThenClosed() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response r = http.send(
                            RawHttp.post("/", "HTTP/1.0", request(good), "Content-Type: application/ocsp-request"))
                    .read();
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
            List<RawHttp.Response> answers =
                    http.send(RawHttp.concat(a, b, c, a)).readAll(4);

            assertThat(status(answers.get(0).body())).isEqualTo(CertificateStatus.GOOD);
            assertThat(status(answers.get(1).body())).isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
            assertThat(status(answers.get(2).body())).isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
            assertThat(status(answers.get(3).body())).isEqualTo(CertificateStatus.GOOD);
            http.socket.setSoTimeout(500); // well inside the 2 s idle timeout
            assertThat(http.closedByServer())
                    .as("keep-alive connection stays open")
                    .isFalse();
        }
    }

    @Test
    void accessLog_hasOneLinePerRequestWithClientMethodSerialAnswerAndLatency() throws Exception {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ocsp.access");
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
        List<String> messages =
                lines.list.stream().map(e -> e.getFormattedMessage()).toList();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0))
                .startsWith(
                        "127.0.0.1 POST serial=" + SerialNumbers.hex(revoked.serial()) + " answer=revoked status=200")
                .containsPattern("ms=\\d");
        assertThat(messages.get(1)).startsWith("127.0.0.1 GET serial=- answer=400");
    }

    @Test
    void otherMethodsGet405WithAllow() throws Exception {
        RawHttp.Response r = exchange(("PUT / HTTP/1.0\r\nContent-Length: 0\r\n\r\n").getBytes());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
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
        assertThat(maxAge)
                .isPositive()
                .isLessThanOrEqualTo(Duration.between(date, nextUpdate).getSeconds());
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
        assertThat(etag)
                .isEqualTo("\""
                        + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(fixed.der())) + "\"");

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
        byte[] forRoot =
                OcspRequestBuilder.create().certId(issuing, CertIdHash.SHA1).build();
        try (RawHttp http = new RawHttp(secondPort)) {
            RawHttp.Response r =
                    http.send(RawHttp.post("/", "HTTP/1.0", forRoot)).read();
            assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
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
        byte[] forRoot =
                OcspRequestBuilder.create().certId(issuing, CertIdHash.SHA1).build();

        RawHttp.Response viaPrefix = exchange(RawHttp.post("/root", "HTTP/1.0", forRoot));
        RawHttp.Response viaGet = exchange(RawHttp.get("/root/" + urlEncoded(forRoot), "HTTP/1.0"));
        RawHttp.Response wrongResponder = exchange(RawHttp.post("/", "HTTP/1.0", forRoot));

        assertThat(status(viaPrefix.body())).isEqualTo(CertificateStatus.GOOD);
        assertThat(status(viaGet.body())).isEqualTo(CertificateStatus.GOOD);
        assertThat(HEX.formatHex(wrongResponder.body())).isEqualTo("30030a0106"); // unauthorized
    }
}
