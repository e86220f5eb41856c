package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.FirstLook;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that try to make the responder unreachable: idle connections, requests trickled a byte
 * at a time, floods of unknown serials. A well-behaved client must still get its answer at once.
 */
class HostileClientsTest {
    private Responder responder;
    private OcspServer server;
    private ThreadPoolExecutor executor;
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
        responder = Responder.builder("hostile", source).cache(CacheSettings.defaults())
                .issuer(issuer, ResponderSigner.create("s", signer.holder(), signer.privateKey(), issuer,
                        Clock.systemUTC()))
                .build();
        responder.cacheMaintainer().precompute(a -> a.accept(new KnownCertificate(issuer, good.serial(), CertStatus.good(),
                Optional.empty())));
        executor = BoundedExecutor.create("hostile-sign", 1, 16);
        HttpLimits limits = new HttpLimits(4096, 2048, 4096, Duration.ofSeconds(10), Duration.ofSeconds(60), 5000,
                Duration.ofHours(1));
        server = OcspServer.start(List.of(new Listener(new InetSocketAddress("127.0.0.1", 0),
                List.of(new Route("/", new ResponderEndpoint(responder, executor))))), limits,
                ServerMetrics.Noop.INSTANCE, Clock.systemUTC(), 2);
        port = server.addresses().get(0).getPort();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
        executor.shutdownNow();
    }

    private CertificateStatus goodRequest(Duration within) throws Exception {
        long start = System.nanoTime();
        RawHttp.Response r;
        try (RawHttp http = new RawHttp(port)) {
            r = http.send(RawHttp.post("/", "HTTP/1.0",
                    OcspRequestBuilder.create().certId(good, CertIdHash.SHA1).build())).read();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("a normal request took %s", took).isLessThan(within);
        return ((BasicOCSPResp) new OCSPResp(r.body()).getResponseObject()).getResponses()[0].getCertStatus();
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
        Thread trickle = new Thread(() -> {
            byte[] header = "POST / HTTP/1.1\r\nHost: slow\r\nX-Slow: ".getBytes();
            try {
                for (int i = 0; trickling.get(); i++) {
                    for (Socket s : tricklers) {
                        OutputStream out = s.getOutputStream();
                        out.write(header[Math.min(i, header.length - 1)]);
                        out.flush();
                    }
                    Thread.sleep(50);
                }
            } catch (Exception closed) {
                // the server may close a trickler; that is its right
            }
        });
        trickle.start();
        try {
            Thread.sleep(500);
            for (int i = 0; i < 5; i++) {
                assertThat(goodRequest(Duration.ofSeconds(1))).isEqualTo(CertificateStatus.GOOD);
            }
        } finally {
            trickling.set(false);
            trickle.join(2000);
        }
    }

    @Test
    void floodOfUnknownSerials_neitherSlowsNorEvictsCachedAnswers() throws Exception {
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService flooders = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int seed = t;
            flooders.execute(() -> {
                Random random = new Random(seed);
                while (flooding.get()) {
                    byte[] req = OcspRequestBuilder.create().certId(good.issuerCertificate(),
                            new BigInteger(128, random), CertIdHash.SHA1).build();
                    try (RawHttp http = new RawHttp(port)) {
                        http.send(RawHttp.post("/", "HTTP/1.0", req)).read();
                    } catch (Exception ignored) {
                        // tryLater or a closed connection under load is fine for the flood
                    }
                }
            });
        }
        try {
            Thread.sleep(1000);
            for (int i = 0; i < 20; i++) {
                assertThat(goodRequest(Duration.ofSeconds(1))).isEqualTo(CertificateStatus.GOOD);
            }
        } finally {
            flooding.set(false);
            flooders.shutdown();
            flooders.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(responder.look(OcspRequestBuilder.create().certId(good, CertIdHash.SHA1).build()))
                .as("the known answer is still cached").isInstanceOf(FirstLook.Answered.class);
        assertThat(responder.cacheFigures().responses()).isEqualTo(1);
    }
}
