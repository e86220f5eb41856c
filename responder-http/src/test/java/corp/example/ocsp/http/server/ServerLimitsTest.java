package corp.example.ocsp.http.server;

import static corp.example.ocsp.http.server.ExampleServer.fixedEndpoint;
import static corp.example.ocsp.http.server.ExampleServer.request;
import static corp.example.ocsp.http.server.ExampleServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.ResponderSettings;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one client may send and hold ({@link HttpLimits}), over real loopback sockets: what goes over a
 * limit is refused or closed, and well-behaved clients are served meanwhile.
 */
class ServerLimitsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static ExampleServer example;
    private static CertBundle good;
    private static CertBundle revoked;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        example = ExampleServer.start();
        good = example.good();
        revoked = example.revoked();
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
    void bodyOverTheLimitGets413() throws Exception {
        RawHttp.Response r =
                exchange(RawHttp.post("/", "HTTP/1.0", new byte[5000], "Content-Type: application/ocsp-request"));
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void uriOverTheLimitGets413() throws Exception {
        RawHttp.Response r = exchange(RawHttp.get("/" + "A".repeat(3000), "HTTP/1.0"));
        assertThat(r.status()).isEqualTo(413);
    }

    /** A client that keeps to the limits, on a connection opened before a violation: still answered. */
    private static void assertUnaffected(RawHttp wellBehaved) throws Exception {
        RawHttp.Response r = wellBehaved
                .send(RawHttp.post("/", "HTTP/1.1", request(good), "Content-Type: application/ocsp-request"))
                .read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(status(r.body())).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void headerBlockOverTheLimitGets431AndClose_whileOtherClientsAreServed() throws Exception {
        try (RawHttp wellBehaved = new RawHttp(port);
                RawHttp violator = new RawHttp(port)) {
            RawHttp.Response r = violator.send(
                            RawHttp.post("/", "HTTP/1.1", request(good), "X-Padding: " + "p".repeat(5000)))
                    .read();

            assertThat(r.status()).isEqualTo(431);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("headers larger than 4096 bytes");
            assertThat(violator.closedByServer()).isTrue();
            assertUnaffected(wellBehaved);
        }
        // many headers that are each small count together
        String[] many = new String[300];
        java.util.Arrays.setAll(many, i -> "X-H" + i + ": " + "v".repeat(10));
        assertThat(exchange(RawHttp.post("/", "HTTP/1.0", request(good), many)).status())
                .isEqualTo(431);
        // just under the limit is fine
        assertThat(exchange(RawHttp.post("/", "HTTP/1.0", request(good), "X-Padding: " + "p".repeat(3500)))
                        .status())
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
            assertThat(basic.getResponses()[1].getCertStatus())
                    .isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
            assertUnaffected(wellBehaved);
        }
    }

    @Test
    void nonceLongerThan128OctetsGetsMalformedRequest_128IsEchoed() throws Exception {
        RawHttp.Response refused = exchange(RawHttp.post(
                "/",
                "HTTP/1.0",
                OcspRequestBuilder.create()
                        .certId(good, CertIdHash.SHA1)
                        .nonceOfLength(129)
                        .build()));
        assertThat(HEX.formatHex(refused.body())).as("malformedRequest").isEqualTo("30030a0101");

        byte[] nonce = new byte[128];
        java.util.Arrays.fill(nonce, (byte) 0x5a);
        RawHttp.Response echoed = exchange(RawHttp.post(
                "/",
                "HTTP/1.0",
                OcspRequestBuilder.create()
                        .certId(good, CertIdHash.SHA1)
                        .nonce(nonce)
                        .build()));
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(echoed.body()).getResponseObject();
        assertThat(basic.getExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                        .getExtnValue()
                        .getOctets())
                .endsWith(nonce);
    }

    @Test
    void connectionsOverTheLimit_areClosedWhileOthersAreServed() throws Exception {
        Endpoint endpoint = fixedEndpoint("limited", example.fixed());
        try (ServerUnderTest limited = ServerUnderTest.builder()
                .route("/", endpoint)
                .maxConnections(1)
                .ioThreads(1)
                .start()) {
            int p = limited.port();
            try (RawHttp first = new RawHttp(p);
                    RawHttp second = new RawHttp(p)) {
                assertThat(first.send(RawHttp.post("/", "HTTP/1.1", request(good)))
                                .read()
                                .status())
                        .isEqualTo(200);
                assertThat(second.closedByServer()).isTrue();
                assertThat(first.send(RawHttp.post("/", "HTTP/1.1", request(good)))
                                .read()
                                .status())
                        .isEqualTo(200);
            }
        }
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
}
