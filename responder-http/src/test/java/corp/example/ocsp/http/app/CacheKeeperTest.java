package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.http.server.BoundedExecutor;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CacheKeeperTest {

    private static ResponderSigner signer(Ca ca, Issuer issuer, String cn) throws Exception {
        CertBundle cert = ca.issueOcspSigner(cn).build();
        return ResponderSigner.create(cn + ".pem", cert.holder(), cert.privateKey(), issuer, Clock.systemUTC());
    }

    private static Responder responder(String name, Ca ca, Issuer issuer, String signerName) throws Exception {
        return Responder.builder(name, new InMemoryStatusSource())
                .clock(Clock.systemUTC())
                .cache(CacheSettings.defaults())
                .issuer(issuer, signer(ca, issuer, signerName))
                .build();
    }

    @Test
    void rotationIsResigned_whileTheStartUpFillStillRetriesAnUnreachableSource() throws Exception {
        Ca ca = TestPki.newRoot("Keeper CA").build();
        Issuer issuer = Issuer.of("keeper-ca", ca.holder());
        Responder responder = responder("keeper", ca, issuer, "First OCSP");
        // answers cached before the outage, signed with the first key
        int cached = responder
                .cacheMaintainer()
                .precompute(action -> action.accept(
                        new KnownCertificate(issuer, BigInteger.TEN, CertStatus.good(), Optional.empty())));
        assertThat(cached).isEqualTo(1);

        AtomicInteger attempts = new AtomicInteger();
        StatusInventory unreachable = action -> {
            attempts.incrementAndGet();
            throw new StatusUnavailableException("status store unavailable: connection refused");
        };
        StatusFeed silent = subscriber -> () -> {};
        ThreadPoolExecutor signers = BoundedExecutor.create("test-cache", 1, 100);
        try (CacheKeeper keeper = new CacheKeeper(
                List.of(responder), Optional.of(new OpenSource.Changes(silent, unreachable)), signers, 1000, 2)) {
            Await.until(Duration.ofSeconds(30), () -> attempts.get() >= 1);

            responder.replaceSigners(Map.of(issuer, signer(ca, issuer, "Second OCSP")));
            int resigned = keeper.resign(responder, Set.of(issuer)).get(30, TimeUnit.SECONDS);

            assertThat(resigned).as("cached answers re-signed with the new key").isEqualTo(1);
            assertThat(keeper.warm())
                    .as("the start-up fill is still waiting for the source")
                    .isFalse();
        } finally {
            signers.shutdownNow();
        }
    }

    @Test
    void aFillUnderWay_logsItsProgress_countOfTotalRateTimeLeftSignedAndKept() throws Exception {
        Ca ca = TestPki.newRoot("Progress Keeper CA").build();
        Issuer issuer = Issuer.of("progress-ca", ca.holder());
        Responder responder = responder("progress", ca, issuer, "Progress OCSP");
        java.util.concurrent.CountDownLatch rest = new java.util.concurrent.CountDownLatch(1);
        StatusInventory slow = new StatusInventory() {
            @Override
            public void forEachKnown(java.util.function.Consumer<KnownCertificate> action) {
                for (int i = 1; i <= 3; i++) {
                    action.accept(
                            new KnownCertificate(issuer, BigInteger.valueOf(i), CertStatus.good(), Optional.empty()));
                }
                try {
                    rest.await(60, TimeUnit.SECONDS); // the other 7 come later
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public java.util.OptionalLong count() {
                return java.util.OptionalLong.of(10);
            }
        };
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CacheKeeper.class);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // admin commands run earlier in this JVM quiet the root
        lines.start();
        logger.addAppender(lines);
        ThreadPoolExecutor signers = BoundedExecutor.create("test-cache", 1, 100);
        StatusFeed silent = subscriber -> () -> {};
        try (CacheKeeper keeper = new CacheKeeper(
                List.of(responder), Optional.of(new OpenSource.Changes(silent, slow)), signers, 1000, 2)) {
            Await.until(
                    Duration.ofSeconds(30),
                    "three certificates read and signed",
                    () -> responder.cacheMaintainer().fillProgress().signedCount() == 3);

            keeper.logProgress();

            assertThat(lines.list)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .anySatisfy(l -> assertThat(l)
                            .matches("responder progress: filling the cache: 3 of 10 certificates read, [\\d,]+/s,"
                                    + " about \\d+ (s|min) left; 3 signed, 0 kept from the store"));
        } finally {
            rest.countDown();
            logger.detachAppender(lines);
            logger.setLevel(level);
            signers.shutdownNow();
        }
    }
}
