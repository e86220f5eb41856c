package corp.example.ocsp.http.server;

import static corp.example.ocsp.http.server.ExampleServer.request;
import static corp.example.ocsp.http.server.ExampleServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting, stopping and overload of the HTTP front end over real loopback sockets. */
class ServerLifecycleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static Ca issuing;
    private static CertBundle good;

    @BeforeAll
    static void pki() {
        issuing = TestPki.newRoot("Lifecycle Root")
                .build()
                .issueIntermediate("Lifecycle Issuing CA")
                .build();
        good = issuing.issueLeaf("good.example").build();
    }

    @Test
    void gracefulStop_finishesTheAnswerInFlightAndRefusesNewConnections() throws Exception {
        CompletableFuture<Void> lookupStarted = new CompletableFuture<>();
        Issuer issuer = Issuer.of("issuing", issuing.holder());
        Responder slow = TestResponders.responder("slow", (i, s) -> {
                    lookupStarted.complete(null);
                    try {
                        Thread.sleep(500); // the lookup the graceful stop must wait for, not a wait of the test's
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CertStatus.good();
                })
                .issuer(issuer, issuing)
                .build();
        ServerUnderTest stopping = ServerUnderTest.builder()
                .route("/", slow)
                .signingThreads(1)
                .signingQueue(10)
                .ioThreads(1)
                .start();
        ThreadPoolExecutor signing = stopping.signing();
        int p = stopping.port();
        try (RawHttp inFlight = new RawHttp(p)) {
            inFlight.send(RawHttp.post("/", "HTTP/1.0", request(good)));
            lookupStarted.get(5, java.util.concurrent.TimeUnit.SECONDS);

            Thread stopper = new Thread(() -> stopping.server().stopGracefully(signing, Duration.ofSeconds(5)));
            stopper.start();
            Await.until(Duration.ofSeconds(5), () -> !canConnect(p));
            assertThat(canConnect(p))
                    .as("new connections are refused while stopping")
                    .isFalse();

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
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
            Responder busy = TestResponders.responder("busy", (i, s) -> CertStatus.good())
                    .issuer(Issuer.of("issuing", issuing.holder()), issuing)
                    .build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerUnderTest.builder()
                            .listener(address)
                            .route("/", busy)
                            .ioThreads(1)
                            .start())
                    .hasMessageStartingWith("cannot listen on " + address + " for responder(s) [busy]: ")
                    .hasMessageContaining("in use");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.start(
                            address,
                            AdminServer.Readiness::fine,
                            () -> "{}",
                            () -> "",
                            () -> new AdminServer.Reloaded(true, "")))
                    .hasMessageStartingWith("cannot listen on " + address + " (admin.listen): ");
        }
    }

    @Test
    void fullSigningQueue_answersTryLaterAtOnce() throws Exception {
        ThreadPoolExecutor tiny = BoundedExecutor.create("tiny", 1, 1);
        CompletableFuture<Void> block = new CompletableFuture<>();
        tiny.execute(block::join);
        tiny.execute(() -> {});
        try {
            Responder responder = TestResponders.responder("tiny", (i, s) -> CertStatus.good())
                    .issuer(Issuer.of("issuing", issuing.holder()), issuing)
                    .build();
            CompletableFuture<OcspAnswer> reply = new ResponderEndpoint(responder, tiny).answer(request(good));
            assertThat(reply).as("answered at once").isDone();
            OcspAnswer answer = reply.join();
            assertThat(HEX.formatHex(answer.der())).isEqualTo("30030a0103");
        } finally {
            block.complete(null);
            tiny.shutdownNow();
        }
    }
}
