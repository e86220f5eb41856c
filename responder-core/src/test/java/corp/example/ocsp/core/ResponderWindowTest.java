package corp.example.ocsp.core;

import static corp.example.ocsp.core.Answers.signed;
import static corp.example.ocsp.core.Answers.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusWindow;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A source whose statuses hold in a window (a CRL's thisUpdate and nextUpdate): answers stay inside it. */
class ResponderWindowTest {
    private final TestCas pki = new TestCas();
    private final Instant crlThisUpdate = TestCas.NOW.minus(Duration.ofHours(5));
    private final Instant crlNextUpdate = TestCas.NOW.plus(Duration.ofHours(2));
    private final StatusSource windowed = new StatusSource() {
        @Override
        public CertStatus lookup(Issuer issuer, BigInteger serial) {
            return pki.source.lookup(issuer, serial);
        }

        @Override
        public Optional<StatusWindow> window(Issuer issuer) {
            return Optional.of(new StatusWindow(crlThisUpdate, crlNextUpdate));
        }
    };

    private Responder responder() {
        return Responder.builder("window", windowed)
                .clock(pki.clock)
                .cache(CacheSettings.defaults())
                .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                .build();
    }

    @Test
    void answer_carriesTheCrlsThisUpdate_andNoLaterNextUpdate_andIsReplacedBeforeIt() {
        CertBundle leaf = pki.leaf("window.example");
        pki.source.good(pki.issuer, leaf.serial());
        OcspAnswer.Signed answer = signed(responder().respond(request(leaf)));
        assertThat(answer.thisUpdate()).isEqualTo(crlThisUpdate);
        assertThat(answer.nextUpdate()).isEqualTo(crlNextUpdate);
        assertThat(answer.refreshAt()).hasValueSatisfying(at -> assertThat(at).isBefore(crlNextUpdate));
    }

    @Test
    void pastTheCrlsNextUpdate_evenACachedStatus_isTryLater() {
        CertBundle leaf = pki.leaf("expired.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder r = responder();
        signed(r.respond(request(leaf)));
        pki.clock.advance(Duration.ofHours(2));
        OcspAnswer later = r.respond(OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonce(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .build());
        assertThat(unsigned(later).status()).isEqualTo(ErrorStatus.TRY_LATER);
        assertThat(unsigned(r.respond(request(leaf))).status()).isEqualTo(ErrorStatus.TRY_LATER);
    }

    private static byte[] request(CertBundle leaf) {
        return OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
    }
}
