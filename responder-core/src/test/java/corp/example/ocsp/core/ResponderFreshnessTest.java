package corp.example.ocsp.core;

import static corp.example.ocsp.core.Answers.signed;
import static corp.example.ocsp.core.Answers.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.junit.jupiter.api.Test;

/** A source without a change feed, followed through a freshness bound (a CFSSL certdb's case). */
class ResponderFreshnessTest {
    private static final Duration BOUND = Duration.ofMillis(500);

    private final TestCas pki = new TestCas();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private final StatusSource noFeed = (issuer, serial) -> {
        if (down.get()) {
            throw new StatusUnavailableException("certdb unreachable");
        }
        lookups.incrementAndGet();
        return pki.source.lookup(issuer, serial);
    };
    private final Responder responder = Responder.builder("cfssl", noFeed)
            .clock(pki.clock)
            .cache(CacheSettings.defaults())
            .freshness(new Freshness(BOUND))
            .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
            .build();
    private final CertBundle leaf = pki.leaf("leaf");
    private final byte[] request =
            OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();

    private OcspAnswer ask() {
        FirstLook first = responder.look(request);
        return first instanceof FirstLook.Answered a ? a.answer() : responder.respond((FirstLook.Pending) first);
    }

    private static SingleResp single(OcspAnswer answer) {
        return Parsed.of(answer.der()).basic().getResponses()[0];
    }

    @Test
    void withinTheBound_theCachedAnswerIsServedOnTheEventLoop_withoutALookup() {
        pki.source.good(pki.issuer, leaf.serial());
        OcspAnswer.Signed first = signed(ask());
        pki.clock.advance(BOUND.minusMillis(1));

        FirstLook again = responder.look(request);

        assertThat(again).isInstanceOf(FirstLook.Answered.class);
        assertThat(signed(((FirstLook.Answered) again).answer()).der()).isEqualTo(first.der());
        assertThat(lookups).hasValue(1);
    }

    @Test
    void pastTheBound_theStatusIsReadAgainOffTheEventLoop_andTheSameStatusServesTheSameResponse() {
        pki.source.good(pki.issuer, leaf.serial());
        OcspAnswer.Signed first = signed(ask());
        pki.clock.advance(BOUND);

        FirstLook look = responder.look(request);
        assertThat(look).as("not answered on the event loop").isInstanceOf(FirstLook.Pending.class);
        assertThat(lookups).as("look() never reads the source").hasValue(1);
        OcspAnswer.Signed again = signed(responder.respond((FirstLook.Pending) look));

        assertThat(lookups).hasValue(2);
        assertThat(again.der()).as("not signed again").isEqualTo(first.der());
        assertThat(again.cached()).isTrue();
        assertThat(responder.look(request)).as("fresh for another bound").isInstanceOf(FirstLook.Answered.class);
    }

    @Test
    void aRevocation_isAnsweredOnTheFirstRequestPastTheBound() {
        pki.source.good(pki.issuer, leaf.serial());
        ask();
        Instant revokedAt = pki.clock.instant().minusSeconds(1);
        pki.source.put(pki.issuer, leaf.serial(), CertStatus.revoked(revokedAt, RevocationReason.KEY_COMPROMISE));
        assertThat(single(ask()).getCertStatus()).as("within the bound").isEqualTo(CertificateStatus.GOOD);
        pki.clock.advance(BOUND);

        OcspAnswer.Signed revoked = signed(ask());

        assertThat(revoked.cached()).isFalse();
        RevokedStatus status = (RevokedStatus) single(revoked).getCertStatus();
        assertThat(status.getRevocationTime().toInstant()).isEqualTo(revokedAt);
        assertThat(status.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
        assertThat(single(signed(ask())).getCertStatus())
                .as("and then from the cache")
                .isInstanceOf(RevokedStatus.class);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void revokedAgainWithAnotherTimeOrReason_isSignedAnew() {
        Instant first = pki.clock.instant().minusSeconds(60);
        pki.source.put(pki.issuer, leaf.serial(), CertStatus.revoked(first, RevocationReason.SUPERSEDED));
        OcspAnswer.Signed before = signed(ask());
        Instant second = pki.clock.instant().minusSeconds(1);
        pki.source.put(pki.issuer, leaf.serial(), CertStatus.revoked(second, RevocationReason.KEY_COMPROMISE));
        pki.clock.advance(BOUND);

        OcspAnswer.Signed after = signed(ask());

        assertThat(after.der()).isNotEqualTo(before.der());
        RevokedStatus status = (RevokedStatus) single(after).getCertStatus();
        assertThat(status.getRevocationTime().toInstant()).isEqualTo(second);
        assertThat(status.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
    }

    @Test
    void aDeletedRow_isAnsweredByTheUnknownSerialPolicyPastTheBound() {
        pki.source.good(pki.issuer, leaf.serial());
        ask();
        pki.source.remove(pki.issuer, leaf.serial());
        pki.clock.advance(BOUND);

        OcspAnswer answer = ask();

        assertThat(answer.outcome()).isNotEqualTo(Outcome.GOOD);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void whileTheSourceIsUnavailable_cachedAnswersKeepFlowing_andMissesAreTryLater() {
        pki.source.good(pki.issuer, leaf.serial());
        OcspAnswer.Signed first = signed(ask());
        down.set(true);
        pki.clock.advance(BOUND.multipliedBy(10));

        assertThat(signed(ask()).der()).isEqualTo(first.der());
        CertBundle other = pki.leaf("other");
        pki.source.good(pki.issuer, other.serial());
        byte[] miss = OcspRequestBuilder.create().certId(other, CertIdHash.SHA1).build();
        assertThat(unsigned(responder.respond(miss)).status()).isEqualTo(ErrorStatus.TRY_LATER);

        down.set(false);
        assertThat(signed(ask()).der()).as("back: still the same status").isEqualTo(first.der());
        assertThat(responder.look(request)).isInstanceOf(FirstLook.Answered.class);
    }

    @Test
    void noncedRequests_useTheStatusReadWithinTheBound_andReadItAgainPastIt() {
        pki.source.good(pki.issuer, leaf.serial());
        byte[] nonced = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonceOfLength(16)
                .build();
        responder.respond(nonced);
        pki.source.put(pki.issuer, leaf.serial(), CertStatus.revoked(pki.clock.instant(), null));
        pki.clock.advance(BOUND.minusMillis(1));
        assertThat(single(responder.respond(nonced)).getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(lookups).hasValue(1);

        pki.clock.advance(Duration.ofMillis(1));

        assertThat(single(responder.respond(nonced)).getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aResponseSignedWithAStatusReadEarlier_isFreshOnlyUntilTheBoundOfThatRead() {
        pki.source.good(pki.issuer, leaf.serial());
        byte[] nonced = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonceOfLength(16)
                .build();
        responder.respond(nonced); // reads the status
        pki.clock.advance(BOUND.minusMillis(100));
        ask(); // signed and cached with that status, read 400 ms ago
        pki.clock.advance(Duration.ofMillis(100));

        assertThat(responder.look(request))
                .as("500 ms after the read, not after the signing")
                .isInstanceOf(FirstLook.Pending.class);
    }

    @Test
    void aChangeFoundThroughOneCertIdHash_isAnsweredForEveryHashOfTheSerialAtOnce() {
        pki.source.good(pki.issuer, leaf.serial());
        byte[] sha256 =
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA256).build();
        ask();
        pki.clock.advance(BOUND.dividedBy(2));
        responder.respond(sha256); // its entry is fresh for another BOUND from now
        pki.source.put(pki.issuer, leaf.serial(), CertStatus.revoked(pki.clock.instant(), null));
        pki.clock.advance(BOUND.dividedBy(2));

        assertThat(single(ask()).getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(single(responder.respond(sha256)).getCertStatus())
                .as("the SHA-256 answer, still within its bound")
                .isInstanceOf(RevokedStatus.class);
    }
}
