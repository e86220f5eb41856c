package corp.example.ocsp.store.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.core.status.StatusWindow;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CrlBuilder;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final BigInteger ONE = BigInteger.valueOf(0x1001);
    private static final BigInteger TWO = BigInteger.valueOf(0x1002);
    private final MutableClock clock = MutableClock.at(NOW);
    private final Ca ca = TestPki.newRoot("Source CRL CA").build();
    private final Issuer issuer = Issuer.of("crl-ca", ca.holder());

    @TempDir
    Path dir;

    private CrlBuilder crl(long number) {
        return CrlBuilder.by(ca)
                .number(number)
                .thisUpdate(NOW.minusSeconds(600))
                .nextUpdate(NOW.plus(Duration.ofDays(1)));
    }

    private CrlOptions options(String where, Optional<String> delta, boolean good) {
        return new CrlOptions(where, delta, Optional.empty(), Duration.ofHours(1), Duration.ofSeconds(5), good);
    }

    private CrlSource open(Path file) {
        return CrlSource.open(issuer, options(file.toString(), Optional.empty(), false), clock);
    }

    @Test
    void newerCrl_revokes_feedsOnlyTheChangedSerial_andAnswersCarryItsWindow() {
        Path file = crl(1).revoke(ONE, NOW.minusSeconds(900), 1).write(dir.resolve("ca.crl"));
        try (CrlSource source = open(file)) {
            List<StatusChange> changes = new CopyOnWriteArrayList<>();
            source.subscribe(changes::add);
            assertThat(source.lookup(issuer, ONE).toString()).contains("keyCompromise");
            assertThat(source.lookup(issuer, TWO))
                    .as("not on the CRL: the unknown-serial policy")
                    .isEqualTo(CertStatus.notKnown());

            crl(2).revoke(ONE, NOW.minusSeconds(900), 1)
                    .revoke(TWO, NOW.minusSeconds(300), 4)
                    .write(file);
            source.refresh();
            assertThat(source.lookup(issuer, TWO)).isInstanceOf(CertStatus.Revoked.class);
            assertThat(changes).extracting(StatusChange::serial).containsExactly(TWO);
            assertThat(source.window(issuer))
                    .contains(new StatusWindow(NOW.minusSeconds(600), NOW.plus(Duration.ofDays(1))));
            assertThat(source.degraded()).isEmpty();
        }
    }

    @Test
    void lowerCrlNumber_isRefused_andTheCurrentCrlStays() {
        Path file = crl(5).revoke(ONE, NOW, 1).write(dir.resolve("ca.crl"));
        try (CrlSource source = open(file)) {
            crl(4).write(file);
            source.refresh();
            assertThat(source.lookup(issuer, ONE)).isInstanceOf(CertStatus.Revoked.class);
            assertThat(source.degraded().orElseThrow())
                    .contains(file + ": CRL number 4 is lower than the current 5")
                    .contains("the CRL in force stays");
        }
    }

    @Test
    void badSignature_refusesToStart_andLaterKeepsTheLastGoodCrl() {
        Ca other = TestPki.newRoot("Forger").build();
        Path file = CrlBuilder.forgedFor(ca, other).number(1).write(dir.resolve("ca.crl"));
        assertThatThrownBy(() -> open(file))
                .isInstanceOf(CrlException.class)
                .hasMessage(file + ": its signature does not verify with the public key of CA crl-ca");
        crl(1).revoke(ONE, NOW, 1).write(file);
        try (CrlSource source = open(file)) {
            CrlBuilder.forgedFor(ca, other).number(2).write(file);
            source.refresh();
            assertThat(source.lookup(issuer, ONE)).isInstanceOf(CertStatus.Revoked.class);
            assertThat(source.degraded().orElseThrow()).contains("its signature does not verify");
        }
    }

    @Test
    void expiredCrl_isNeverServed_lookupsFailUntilACurrentOneArrives() {
        Path file = crl(1).revoke(ONE, NOW, 1).write(dir.resolve("ca.crl"));
        try (CrlSource source = open(file)) {
            clock.advance(Duration.ofDays(1));
            assertThatThrownBy(() -> source.lookup(issuer, ONE))
                    .isInstanceOf(StatusUnavailableException.class)
                    .hasMessage("CA crl-ca: its CRL expired at " + NOW.plus(Duration.ofDays(1))
                            + " and no current one has arrived from " + file);
            assertThat(source.degraded().orElseThrow())
                    .contains("its CRL expired at")
                    .contains("answers are tryLater");
            CrlBuilder.by(ca)
                    .number(2)
                    .thisUpdate(clock.instant())
                    .nextUpdate(clock.instant().plus(Duration.ofDays(1)))
                    .revoke(ONE, NOW, 1)
                    .write(file);
            source.refresh();
            assertThat(source.lookup(issuer, ONE)).isInstanceOf(CertStatus.Revoked.class);
            assertThat(source.degraded()).isEmpty();
        }
        CrlBuilder.by(ca)
                .number(3)
                .thisUpdate(NOW.minus(Duration.ofDays(3)))
                .nextUpdate(NOW.minusSeconds(1))
                .write(file);
        try (CrlSource source = open(file)) { // an expired CRL does not stop the start: a current one may come
            assertThatThrownBy(() -> source.lookup(issuer, ONE)).isInstanceOf(StatusUnavailableException.class);
        }
    }

    @Test
    void delta_isAppliedOnlyOnItsBase_andRemoveFromCrlReleasesAHold() {
        Path full = crl(10).revoke(ONE, NOW.minusSeconds(900), 6).write(dir.resolve("ca.crl"));
        Path delta = crl(12).deltaOf(11).revoke(TWO, NOW.minusSeconds(60), 1).write(dir.resolve("delta.crl"));
        CrlOptions o = options(full.toString(), Optional.of(delta.toString()), true);
        try (CrlSource source = CrlSource.open(issuer, o, clock)) {
            List<StatusChange> changes = new CopyOnWriteArrayList<>();
            source.subscribe(changes::add);
            assertThat(source.lookup(issuer, TWO))
                    .as("the delta's base is 11, the full CRL is 10")
                    .isEqualTo(CertStatus.good());
            assertThat(source.degraded().orElseThrow())
                    .contains("delta CRL based on CRL number 11, but the current full CRL is number 10");

            crl(11).revoke(ONE, NOW.minusSeconds(900), 6).write(full);
            source.refresh();
            assertThat(source.lookup(issuer, TWO)).as("now on its base").isInstanceOf(CertStatus.Revoked.class);
            assertThat(source.degraded()).isEmpty();

            crl(13).deltaOf(11)
                    .revoke(ONE, NOW.minusSeconds(30), 8)
                    .revoke(TWO, NOW.minusSeconds(60), 1)
                    .write(delta);
            source.refresh();
            assertThat(source.lookup(issuer, ONE)).as("removeFromCRL: off hold").isEqualTo(CertStatus.good());
            assertThat(changes).extracting(StatusChange::serial).containsExactly(TWO, ONE);
            assertThat(changes.get(1).status()).isEqualTo(CertStatus.good());
        }
    }

    @Test
    void httpSource_conditionalGets_followsAChange_andKeepsTheCrlWhenTheServerGoesAway() throws Exception {
        AtomicReference<byte[]> served =
                new AtomicReference<>(crl(1).revoke(ONE, NOW, 1).build());
        AtomicInteger notModified = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ca.crl", ex -> {
            byte[] body = served.get();
            String etag = "\"" + java.util.Arrays.hashCode(body) + "\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.getResponseHeaders().add("ETag", etag);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl";
        try (CrlSource source = CrlSource.open(issuer, options(url, Optional.empty(), false), clock)) {
            assertThat(source.lookup(issuer, ONE)).isInstanceOf(CertStatus.Revoked.class);
            source.refresh();
            assertThat(notModified.get()).as("the unchanged CRL answered 304").isEqualTo(1);

            served.set(crl(2).revoke(ONE, NOW, 1).revoke(TWO, NOW, 3).build());
            source.refresh();
            assertThat(source.lookup(issuer, TWO)).isInstanceOf(CertStatus.Revoked.class);

            server.stop(0);
            source.refresh();
            assertThat(source.lookup(issuer, TWO))
                    .as("the last CRL, still current")
                    .isInstanceOf(CertStatus.Revoked.class);
            assertThat(source.degraded().orElseThrow()).contains(url + ": cannot fetch");
            clock.advance(Duration.ofDays(2));
            assertThatThrownBy(() -> source.lookup(issuer, TWO)).isInstanceOf(StatusUnavailableException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void indirectCrl_ofAConfiguredCrlIssuer_givesOnlyThisCasEntries() throws Exception {
        Ca signer = TestPki.newRoot("CRL Signer").build();
        Ca sibling = TestPki.newRoot("Sibling CA").build();
        Path signerPem = signer.writeCertPem(dir.resolve("signer.pem"));
        Path file = CrlBuilder.by(signer)
                .indirect()
                .number(1)
                .thisUpdate(NOW.minusSeconds(60))
                .nextUpdate(NOW.plus(Duration.ofDays(1)))
                .revoke(BigInteger.valueOf(0x77), NOW, 1) // the CRL issuer's own certificate
                .revokeOf(ca, ONE, NOW.minusSeconds(30), 4)
                .revokeOf(sibling, TWO, NOW.minusSeconds(20), 1)
                .write(dir.resolve("indirect.crl"));
        CrlOptions o = new CrlOptions(
                file.toString(),
                Optional.empty(),
                Optional.of(signerPem),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                false);
        try (CrlSource source = CrlSource.open(issuer, o, clock)) {
            assertThat(source.lookup(issuer, ONE).toString()).contains("superseded");
            assertThat(source.lookup(issuer, TWO)).as("the sibling CA's entry").isEqualTo(CertStatus.notKnown());
            assertThat(source.lookup(issuer, BigInteger.valueOf(0x77)))
                    .as("the CRL issuer's own")
                    .isEqualTo(CertStatus.notKnown());
        }
        assertThatThrownBy(() -> open(file))
                .as("without crlIssuer, the CA's own CRLs are expected")
                .hasMessageContaining("issued by CN=CRL Signer, not by the issuer whose CRLs are configured here");
    }

    @Test
    void fileReplacedWhileServing_isPickedUpByTheTimer() throws Exception {
        Path file = crl(1).write(dir.resolve("ca.crl"));
        CrlOptions o = new CrlOptions(
                file.toString(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                false);
        try (CrlSource source = CrlSource.open(issuer, o, clock)) {
            crl(2).revoke(ONE, NOW, RevocationReason.SUPERSEDED.code()).write(file);
            Await.until(
                    Duration.ofSeconds(30),
                    "the new CRL is read",
                    () -> source.lookup(issuer, ONE) instanceof CertStatus.Revoked);
        }
    }
}
