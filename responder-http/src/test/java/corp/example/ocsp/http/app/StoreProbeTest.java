package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StoreProbeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final MutableClock clock = MutableClock.at(NOW);

    /** A delegated signer whose certificate expires {@code days} from now, loaded from "{@code source}". */
    private ResponderSigner signerExpiringIn(int days, String cn, String source) throws Exception {
        Ca ca = TestPki.newRoot("Probe CA").clock(clock).build();
        CertBundle cert = ca.issueOcspSigner(cn).clock(clock).notAfter(NOW.plus(Duration.ofDays(days))).build();
        return ResponderSigner.create(source, cert.holder(), cert.privateKey(), Issuer.of("ca", ca.holder()), clock);
    }

    /** A probe of an unreachable store (nothing runs in the background: the test calls the checks). */
    private StoreProbe probe(PostgresStore store, ResponderSigner signer) {
        return new StoreProbe(store, () -> List.of(signer), clock, Duration.ofDays(30), false);
    }

    private static PostgresStore unreachableStore() {
        return PostgresStore.open(PostgresStoreConfig.of("jdbc:postgresql://127.0.0.1:1/none", "nobody", null));
    }

    @Test
    void signerExpiringWithinTheWindow_isWarnedAboutOnceADay_andAnExpiredOneMakesItNotReady() throws Exception {
        ResponderSigner signer = signerExpiringIn(10, "Expiring OCSP", "expiring.pem");
        Logger logger = (Logger) LoggerFactory.getLogger(StoreProbe.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        // no database here: the probe only finds the store unreachable
        try (PostgresStore store = unreachableStore(); StoreProbe probe = probe(store, signer)) {
            probe.warnOfExpiry();
            probe.warnOfExpiry();
            clock.advance(Duration.ofDays(1));
            probe.warnOfExpiry();

            List<String> warnings = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("responder certificate")).toList();
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).contains("CN=Expiring OCSP").contains("expiring.pem")
                    .contains("expires in 10 days");
            assertThat(warnings.get(1)).contains("expires in 9 days");

            clock.advance(Duration.ofDays(10));
            assertThat(probe.readiness().ready()).isFalse();
            assertThat(probe.readiness().detail()).contains("CN=Expiring OCSP").contains("expired")
                    .contains("not probed yet");
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void signerFarFromExpiry_isNotWarnedAbout() throws Exception {
        ResponderSigner signer = signerExpiringIn(90, "Fresh OCSP", "fresh.pem");
        Logger logger = (Logger) LoggerFactory.getLogger(StoreProbe.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (PostgresStore store = unreachableStore(); StoreProbe probe = probe(store, signer)) {
            probe.warnOfExpiry();
            assertThat(lines.list).noneMatch(e -> e.getFormattedMessage().startsWith("responder certificate"));
        } finally {
            logger.detachAppender(lines);
        }
    }
}
