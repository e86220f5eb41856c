package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.FirstLook;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients that try to make the responder unreachable: idle connections, requests trickled a byte
 * at a time, floods of unknown serials. A well-behaved client must still get its answer, well within
 * a generous bound (the times are logged; the soak and benchmark scripts hold the tight ones), and
 * the cached answers stay cached.
 */
class HostileClientsTest {
    private static final Logger log = LoggerFactory.getLogger(HostileClientsTest.class);
    private static final Duration GENEROUS = Duration.ofSeconds(15);

    private Responder responder;
    private ServerUnderTest server;
    private CertBundle good;
    private int port;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Ca root = TestPki.newRoot("Hostile Root").build();
        Ca issuing = root.issueIntermediate("Hostile Issuing CA").build();
        CertBundle signer = issuing.issueOcspSigner("Hostile OCSP").build();
        good = issuing.issueLeaf("good.example").build();
        Issuer issuer = Issuer.of("issuing", issuing.holder());
        InMemoryStatusSource source = new InMemoryStatusSource().good(issuer, good.serial());
        responder = TestResponders.responder("hostile", source)
                .cached()
                .issuer(issuer, signer)
                .build();
        responder
                .cacheMaintainer()
                .precompute(a ->
                        a.accept(new KnownCertificate(issuer, good.serial(), CertStatus.good(), Optional.empty())));
        server = ServerUnderTest.builder()
                .route("/", responder)
                .maxConnections(5000)
                .signingThreads(1)
                .signingQueue(16)
                .start();
        port = server.port();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    /**
     * One normal request, answered within {@link #GENEROUS} (a bound that holds on a loaded 2-core
     * machine; how fast it was is logged, and measured for real by the soak and benchmark scripts).
     */
    private CertificateStatus goodRequest(List<Duration> times) throws Exception {
        long start = System.nanoTime();
        RawHttp.Response r;
        try (RawHttp http = new RawHttp(port)) {
            r = http.send(RawHttp.post(
                            "/",
                            "HTTP/1.0",
                            OcspRequestBuilder.create()
                                    .certId(good, CertIdHash.SHA1)
                                    .build()))
                    .read();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        times.add(took);
        assertThat(took).as("a normal request took %s", took).isLessThan(GENEROUS);
        return ((BasicOCSPResp) new OCSPResp(r.body()).getResponseObject()).getResponses()[0].getCertStatus();
    }

    private static void report(String under, List<Duration> times) {
        log.info(
                "normal requests under {}: slowest {} ms, all {}",
                under,
                times.stream().mapToLong(Duration::toMillis).max().orElse(0),
                times.stream().map(t -> t.toMillis() + " ms").toList());
    }

    @Test
    void idleConnectionsAndTricklers_doNotKeepANormalRequestWaiting() throws Exception {
        for (int i = 0; i < 800; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            sockets.add(s);
        }
        List<Socket> tricklers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            tricklers.add(s);
            sockets.add(s);
        }
        AtomicBoolean trickling = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        Thread trickle = new Thread(() -> {
            byte[] header = "POST / HTTP/1.1\r\nHost: slow\r\nX-Slow: ".getBytes();
            try {
                for (int i = 0; trickling.get(); i++) {
                    for (Socket s : tricklers) {
                        OutputStream out = s.getOutputStream();
                        out.write(header[Math.min(i, header.length - 1)]);
                        out.flush();
                    }
                    rounds.incrementAndGet();
                    Thread.sleep(50); // the trickle's pace, a byte per connection every 50 ms
                }
            } catch (Exception closed) {
                // the server may close a trickler; that is its right
            }
        });
        trickle.start();
        List<Duration> times = new ArrayList<>();
        try {
            Await.until(GENEROUS, () -> rounds.get() >= 10); // every trickler has sent ten bytes
            for (int i = 0; i < 5; i++) {
                assertThat(goodRequest(times)).isEqualTo(CertificateStatus.GOOD);
            }
        } finally {
            trickling.set(false);
            trickle.join(2000);
        }
        report("800 idle connections and 200 tricklers", times);
    }

    @Test
    void floodOfUnknownSerials_neitherSlowsNorEvictsCachedAnswers() throws Exception {
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger flood = new AtomicInteger();
        ExecutorService flooders = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int seed = t;
            flooders.execute(() -> {
                Random random = new Random(seed);
                while (flooding.get()) {
                    byte[] req = OcspRequestBuilder.create()
                            .certId(good.issuerCertificate(), new BigInteger(128, random), CertIdHash.SHA1)
                            .build();
                    try (RawHttp http = new RawHttp(port)) {
                        http.send(RawHttp.post("/", "HTTP/1.0", req)).read();
                        flood.incrementAndGet();
                    } catch (Exception ignored) {
                        // tryLater or a closed connection under load is fine for the flood
                    }
                }
            });
        }
        List<Duration> times = new ArrayList<>();
        try {
            Await.until(GENEROUS, () -> flood.get() >= 100); // the flood is answered, so it is under way
            for (int i = 0; i < 20; i++) {
                assertThat(goodRequest(times)).isEqualTo(CertificateStatus.GOOD);
            }
        } finally {
            flooding.set(false);
            flooders.shutdown();
            flooders.awaitTermination(10, TimeUnit.SECONDS);
        }
        report(flood.get() + " requests for unknown serials from 8 threads", times);
        assertThat(responder.look(OcspRequestBuilder.create()
                        .certId(good, CertIdHash.SHA1)
                        .build()))
                .as("the known answer is still cached")
                .isInstanceOf(FirstLook.Answered.class);
        assertThat(responder.cacheFigures().responses()).isEqualTo(1);
    }
}
