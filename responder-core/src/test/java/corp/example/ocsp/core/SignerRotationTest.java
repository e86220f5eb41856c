package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.Test;

/** A new responder key and certificate taken while serving: the cache moves to it, nothing is refused. */
class SignerRotationTest {
    private final TestCas pki = new TestCas();
    private final CertBundle oldSigner = pki.issuing
            .issueOcspSigner("Old OCSP Signer")
            .clock(pki.clock)
            .notAfter(TestCas.NOW.plus(Duration.ofDays(2)))
            .build();
    private final CertBundle newSigner = pki.issuing
            .issueOcspSigner("New OCSP Signer")
            .clock(pki.clock)
            .notAfter(TestCas.NOW.plus(Duration.ofDays(60)))
            .build();
    private final CertBundle leaf = pki.leaf("good.example");
    private final Responder responder = Responder.builder("rotating", pki.source)
            .clock(pki.clock)
            .cache(CacheSettings.defaults())
            .issuer(pki.issuer, signer(oldSigner))
            .build();

    SignerRotationTest() {
        pki.source.good(pki.issuer, leaf.serial());
    }

    private ResponderSigner signer(CertBundle bundle) {
        return TestCas.signer(bundle, pki.issuer, pki.clock);
    }

    private StatusInventory inventory() {
        return action -> action.accept(new KnownCertificate(
                pki.issuer,
                leaf.serial(),
                pki.source.lookup(pki.issuer, leaf.serial()),
                Optional.of(leaf.certificate().getNotAfter().toInstant())));
    }

    private byte[] request() {
        return OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
    }

    private static Parsed cached(FirstLook look) {
        assertThat(look).as("answered from the cache").isInstanceOf(FirstLook.Answered.class);
        return Parsed.of(((FirstLook.Answered) look).answer().der());
    }

    @Test
    void afterRotation_cachedResponsesAreServedUntilResignedThenCarryTheNewCertificate() {
        responder.cacheMaintainer().precompute(inventory());
        assertThat(cached(responder.look(request())).signedBy(oldSigner.certificate()))
                .isTrue();

        responder.replaceSigners(Map.of(pki.issuer, signer(newSigner)));
        // still a valid answer by a valid certificate: served while the re-signing runs
        assertThat(cached(responder.look(request())).signedBy(oldSigner.certificate()))
                .isTrue();

        assertThat(responder.cacheMaintainer().resignCached(Set.of(pki.issuer))).isEqualTo(1);
        Parsed after = cached(responder.look(request()));
        assertThat(after.signedBy(newSigner.certificate())).isTrue();
        assertThat(after.certs()[0].getSubject().toString()).contains("New OCSP Signer");
        assertThat(after.basic().getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(responder.signer(pki.issuer).certificate().getSubject().toString())
                .contains("New OCSP Signer");
    }

    @Test
    void afterRotation_aMissAndANonceRequestAreSignedWithTheNewKey() {
        responder.replaceSigners(Map.of(pki.issuer, signer(newSigner)));

        OcspAnswer miss = responder.respond(request());
        OcspAnswer nonce = responder.respond(OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonceOfLength(32)
                .build());

        assertThat(Parsed.of(miss.der()).signedBy(newSigner.certificate())).isTrue();
        assertThat(Parsed.of(nonce.der()).signedBy(newSigner.certificate())).isTrue();
    }

    @Test
    void aResponseCachedUnderTheOldKey_isNotServedOnceTheOldCertificateExpired() {
        responder.cacheMaintainer().precompute(inventory());
        responder.replaceSigners(Map.of(pki.issuer, signer(newSigner)));

        pki.clock.advance(Duration.ofDays(2).plusMinutes(1)); // the old certificate expired; its answer has not
        FirstLook look = responder.look(request());

        assertThat(look).as("not served from the cache").isInstanceOf(FirstLook.Pending.class);
        OcspAnswer fresh = responder.respond((FirstLook.Pending) look);
        assertThat(fresh.outcome()).isEqualTo(Outcome.GOOD);
        assertThat(Parsed.of(fresh.der()).signedBy(newSigner.certificate())).isTrue();
    }

    @Test
    void aRequestLookedAtBeforeRotation_isFinishedWithTheSignerItStartedWith() {
        FirstLook look = responder.look(request());
        responder.replaceSigners(Map.of(pki.issuer, signer(newSigner)));

        OcspAnswer answer = responder.respond((FirstLook.Pending) look);

        assertThat(Parsed.of(answer.der()).signedBy(oldSigner.certificate())).isTrue();
    }

    @Test
    void replacingTheSignerOfAForeignCa_isRefusedAndChangesNothing() {
        Issuer foreign = TestCas.issuer(pki.root, "root");

        assertThatThrownBy(() ->
                        responder.replaceSigners(Map.of(pki.issuer, signer(newSigner), foreign, signer(newSigner))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root");
        assertThat(responder.signer(pki.issuer).certificate().getSubject().toString())
                .contains("Old OCSP Signer");
    }
}
