package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SigningUnavailableException;
import corp.example.ocsp.core.signing.TokenSessions;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.http.app.Readiness.CacheFill;
import corp.example.ocsp.http.server.AdminServer;
import corp.example.ocsp.http.server.AdminServer.Readiness.State;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.StallingProvider;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What /readyz says in each state a load balancer must tell apart. */
class ReadinessTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String REFUSED = "cannot reach jdbc:postgresql://db/ocsp: Connection refused";
    private final MutableClock clock = MutableClock.at(NOW);
    private final AtomicBoolean down = new AtomicBoolean(true);
    private final Reachability source = () -> {
        if (down.get()) {
            throw new StatusUnavailableException(REFUSED);
        }
    };
    private final AtomicReference<CacheFill> cache = new AtomicReference<>(new CacheFill(true, false, 0));

    private ResponderSigner signer(String name, int daysValid) throws Exception {
        Ca ca = TestPki.newRoot(name + " CA").clock(clock).build();
        CertBundle cert = ca.issueOcspSigner(name + " OCSP")
                .clock(clock)
                .notAfter(NOW.plus(Duration.ofDays(daysValid)))
                .build();
        return ResponderSigner.create(
                name + ".pem", cert.holder(), cert.privateKey(), Issuer.of(name, ca.holder()), clock);
    }

    private SignerExpiry validSigner() throws Exception {
        ResponderSigner s = signer("ready", 90);
        return new SignerExpiry(() -> List.of(s), clock, Duration.ofDays(30));
    }

    private Readiness readiness(SignerExpiry signers) {
        return new Readiness(source, signers, cache::get, false);
    }

    @Test
    void storeDownBeforeTheCacheWasFilled_isNotReady_becauseNothingCanBeAnswered() throws Exception {
        try (Readiness readiness = readiness(validSigner())) {
            assertThat(readiness.readiness().state())
                    .as("before the first probe")
                    .isEqualTo(State.NOT_READY);

            readiness.probe();
            AdminServer.Readiness r = readiness.readiness();
            assertThat(r.state()).isEqualTo(State.NOT_READY);
            assertThat(r.text())
                    .isEqualTo("not ready: status store unreachable: " + REFUSED
                            + "; the cache was not filled yet, so nothing can be answered");
        }
    }

    @Test
    void storeDownWithTheCacheFilled_isDegraded_stays200_andSaysWhy() throws Exception {
        try (Readiness readiness = readiness(validSigner())) {
            cache.set(new CacheFill(true, true, 1234));
            readiness.probe();
            AdminServer.Readiness r = readiness.readiness();
            assertThat(r.state()).isEqualTo(State.DEGRADED);
            assertThat(r.ready()).as("a load balancer keeps it in rotation").isTrue();
            assertThat(r.text())
                    .isEqualTo("degraded: status store unreachable: " + REFUSED
                            + "; answering the 1234 cached responses until their nextUpdate, misses get tryLater");

            down.set(false);
            readiness.probe();
            assertThat(readiness.readiness()).isEqualTo(AdminServer.Readiness.fine());
            assertThat(readiness.readiness().text()).isEqualTo("ready");
        }
    }

    @Test
    void storeDownWithTheCacheOff_isNotReady() throws Exception {
        try (Readiness readiness = readiness(validSigner())) {
            cache.set(new CacheFill(false, true, 0));
            readiness.probe();
            assertThat(readiness.readiness().state()).isEqualTo(State.NOT_READY);
            assertThat(readiness.readiness().detail()).endsWith("the cache is off, so nothing can be answered");
        }
    }

    @Test
    void storeUpWhileTheCacheStillFills_isReady_missesAreLookedUp() throws Exception {
        try (Readiness readiness = readiness(validSigner())) {
            down.set(false);
            readiness.probe();
            assertThat(readiness.readiness()).isEqualTo(AdminServer.Readiness.fine());
        }
    }

    @Test
    void oneOfTwoSignersExpired_isDegraded_bothExpired_isNotReady() throws Exception {
        ResponderSigner shortLived = signer("short", 10);
        ResponderSigner longLived = signer("long", 20);
        SignerExpiry signers = new SignerExpiry(() -> List.of(shortLived, longLived), clock, Duration.ofDays(5));
        try (Readiness readiness = readiness(signers)) {
            down.set(false);
            readiness.probe();
            clock.advance(Duration.ofDays(15));
            AdminServer.Readiness r = readiness.readiness();
            assertThat(r.state()).isEqualTo(State.DEGRADED);
            assertThat(r.detail()).contains("CN=short OCSP").contains("expired").doesNotContain("long");

            clock.advance(Duration.ofDays(10));
            r = readiness.readiness();
            assertThat(r.state()).isEqualTo(State.NOT_READY);
            assertThat(r.detail()).contains("CN=short OCSP").contains("CN=long OCSP");
        }
    }

    @Test
    void sourceAnsweringFromAnOlderState_isDegradedWithTheReason_andReadyOnceCurrent() throws Exception {
        AtomicBoolean stale = new AtomicBoolean(true);
        Reachability staleSource = new Reachability() {
            @Override
            public void check() {}

            @Override
            public Optional<String> degraded() {
                return stale.get() ? Optional.of("CA ca: index.txt line 3: bad") : Optional.empty();
            }
        };
        try (Readiness readiness = new Readiness(staleSource, validSigner(), cache::get, false)) {
            readiness.probe();
            assertThat(readiness.readiness())
                    .isEqualTo(new AdminServer.Readiness(State.DEGRADED, "CA ca: index.txt line 3: bad"));
            assertThat(readiness.readiness().text()).isEqualTo("degraded: CA ca: index.txt line 3: bad");
            stale.set(false);
            readiness.probe();
            assertThat(readiness.readiness()).isEqualTo(AdminServer.Readiness.fine());
        }
    }

    @Test
    void shuttingDown_isNotReady_whateverElse() throws Exception {
        try (Readiness readiness = readiness(validSigner())) {
            down.set(false);
            readiness.probe();
            readiness.stopping();
            assertThat(readiness.readiness().text()).isEqualTo("not ready: shutting down");
        }
    }

    @Test
    void theOnlyTokenFailing_makesItNotReadyWithWhy_andReadyOnceItSignsAgain() throws Exception {
        Ca ca = TestPki.newRoot("Token Ready CA").clock(clock).build();
        CertBundle cert = ca.issueOcspSigner("Token OCSP").clock(clock).build();
        StallingProvider token = new StallingProvider();
        ResponderSigner signer = ResponderSigner.onToken(
                "token key",
                cert.holder(),
                cert.privateKey(),
                token,
                TokenSessions.unbounded(),
                Issuer.of("ca", ca.holder()),
                clock);
        byte[] data = {1, 2, 3};
        down.set(false);
        cache.set(new CacheFill(true, true, 5));
        try (Readiness readiness = readiness(new SignerExpiry(() -> List.of(signer), clock, Duration.ofDays(30)))) {
            readiness.probe();
            assertThat(readiness.readiness().ready()).isTrue();

            token.fail();
            assertThatThrownBy(() -> signer.sign(data)).isInstanceOf(SigningUnavailableException.class);
            assertThat(readiness.readiness().ready()).isFalse();
            assertThat(readiness.readiness().detail())
                    .isEqualTo(
                            "signer token key unavailable: the token failed to sign (CKR_DEVICE_REMOVED (stand-in))");

            token.answer();
            Await.until(Duration.ofSeconds(30), "a probe signature goes through", () -> {
                try {
                    return signer.sign(data).length > 0;
                } catch (SigningUnavailableException e) {
                    return false; // between probes
                }
            });
            assertThat(readiness.readiness().ready()).isTrue();
        }
    }

    @Test
    void unreachablePostgresStore_isNotReadyBeforeTheFill_namingTheDatabase() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/none";
        try (PostgresStore store = PostgresStore.open(PostgresStoreConfig.of(url, "nobody", null));
                Readiness readiness = new Readiness(store, validSigner(), cache::get, false)) {
            readiness.probe();
            assertThat(readiness.readiness().ready()).isFalse();
            assertThat(readiness.readiness().detail()).startsWith("status store unreachable: cannot reach " + url);
        }
    }
}
