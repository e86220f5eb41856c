package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SignerExpiryTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final MutableClock clock = MutableClock.at(NOW);

    /** A delegated signer whose certificate expires {@code days} from now, loaded from "{@code source}". */
    private ResponderSigner signerExpiringIn(int days, String cn, String source) throws Exception {
        Ca ca = TestPki.newRoot("Probe CA").clock(clock).build();
        CertBundle cert = ca.issueOcspSigner(cn)
                .clock(clock)
                .notAfter(NOW.plus(Duration.ofDays(days)))
                .build();
        return ResponderSigner.create(source, cert.holder(), cert.privateKey(), Issuer.of("ca", ca.holder()), clock);
    }

    private SignerExpiry expiry(ResponderSigner signer) {
        return new SignerExpiry(() -> List.of(signer), clock, Duration.ofDays(30));
    }

    @Test
    void signerExpiringWithinTheWindow_isWarnedAboutOnceADay_andAnExpiredOneMakesItNotReady() throws Exception {
        ResponderSigner signer = signerExpiringIn(10, "Expiring OCSP", "expiring.pem");
        Logger logger = (Logger) LoggerFactory.getLogger(SignerExpiry.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        SignerExpiry expiry = expiry(signer);
        // no source here: readiness only finds it unreachable (nothing runs in the background)
        try (Readiness readiness = new Readiness(
                () -> {
                    throw new StatusUnavailableException("no source in this test");
                },
                expiry,
                () -> new Readiness.CacheFill(true, true, 10),
                false)) {
            expiry.warnOfExpiry();
            expiry.warnOfExpiry();
            clock.advance(Duration.ofDays(1));
            expiry.warnOfExpiry();

            List<String> warnings = lines.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("responder certificate"))
                    .toList();
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0))
                    .contains("CN=Expiring OCSP")
                    .contains("expiring.pem")
                    .contains("expires in 10 days");
            assertThat(warnings.get(1)).contains("expires in 9 days");

            clock.advance(Duration.ofDays(10));
            assertThat(readiness.readiness().ready()).isFalse();
            assertThat(readiness.readiness().detail())
                    .contains("CN=Expiring OCSP")
                    .contains("expired")
                    .as("the only signer expired: nothing can be answered, whatever the cache holds")
                    .doesNotContain("not probed yet");
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void signerFarFromExpiry_isNotWarnedAbout() throws Exception {
        ResponderSigner signer = signerExpiringIn(90, "Fresh OCSP", "fresh.pem");
        Logger logger = (Logger) LoggerFactory.getLogger(SignerExpiry.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            expiry(signer).warnOfExpiry();
            assertThat(lines.list).noneMatch(e -> e.getFormattedMessage().startsWith("responder certificate"));
        } finally {
            logger.detachAppender(lines);
        }
    }
}
