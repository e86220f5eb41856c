package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SigningUnavailableException;
import corp.example.ocsp.core.signing.TokenSessions;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.http.server.AdminServer;
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
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final MutableClock clock = MutableClock.at(NOW);

    private SignerExpiry validSigner() throws Exception {
        Ca ca = TestPki.newRoot("Ready CA").clock(clock).build();
        CertBundle cert = ca.issueOcspSigner("Ready OCSP")
                .clock(clock)
                .notAfter(NOW.plus(Duration.ofDays(90)))
                .build();
        ResponderSigner signer = ResponderSigner.create(
                "ready.pem", cert.holder(), cert.privateKey(), Issuer.of("ca", ca.holder()), clock);
        return new SignerExpiry(() -> List.of(signer), clock, Duration.ofDays(30));
    }

    @Test
    void sourceAnsweringFromAnOlderState_isReadyWithTheReasonAfterDegraded() throws Exception {
        AtomicBoolean stale = new AtomicBoolean(true);
        Reachability source = new Reachability() {
            @Override
            public void check() {}

            @Override
            public Optional<String> degraded() {
                return stale.get() ? Optional.of("CA ca: index.txt line 3: bad") : Optional.empty();
            }
        };
        try (Readiness readiness = new Readiness(source, validSigner(), false)) {
            readiness.probe();
            assertThat(readiness.readiness())
                    .isEqualTo(new AdminServer.Readiness(true, "degraded: CA ca: index.txt line 3: bad"));
            stale.set(false);
            readiness.probe();
            assertThat(readiness.readiness()).isEqualTo(new AdminServer.Readiness(true, ""));
        }
    }

    @Test
    void tokenThatFailsToSign_makesItNotReadyWithWhy_andReadyOnceItSignsAgain() throws Exception {
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
        try (Readiness readiness =
                new Readiness(() -> {}, new SignerExpiry(() -> List.of(signer), clock, Duration.ofDays(30)), false)) {
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
    void sourceThatStopsAndStartsAnswering_makesItNotReadyWithWhy_andReadyAgain() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        try (Readiness readiness = new Readiness(
                () -> {
                    if (down.get()) {
                        throw new StatusUnavailableException(
                                "cannot reach jdbc:postgresql://db/ocsp: Connection refused");
                    }
                },
                validSigner(),
                false)) {
            assertThat(readiness.readiness().ready())
                    .as("before the first probe")
                    .isFalse();

            readiness.probe();
            assertThat(readiness.readiness().ready()).isFalse();
            assertThat(readiness.readiness().detail())
                    .isEqualTo("status store unreachable: cannot reach jdbc:postgresql://db/ocsp: Connection refused");

            down.set(false);
            readiness.probe();
            assertThat(readiness.readiness().ready()).isTrue();
            assertThat(readiness.readiness().detail()).isEmpty();
        }
    }

    @Test
    void unreachablePostgresStore_isNotReady_namingTheDatabase() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/none";
        try (PostgresStore store = PostgresStore.open(PostgresStoreConfig.of(url, "nobody", null));
                Readiness readiness = new Readiness(store, validSigner(), false)) {
            readiness.probe();
            assertThat(readiness.readiness().ready()).isFalse();
            assertThat(readiness.readiness().detail()).startsWith("status store unreachable: cannot reach " + url);
        }
    }
}
