package corp.example.ocsp.core;

import static corp.example.ocsp.core.Answers.signed;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.MemoryPressure;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.Test;

/** Under memory pressure the cache stops growing and answers are signed live instead: never an OutOfMemoryError. */
class MemoryPressureTest {
    private final TestCas pki = new TestCas();
    private final AtomicBoolean high = new AtomicBoolean();
    private final AtomicInteger lookups = new AtomicInteger();

    private Responder responder() {
        return Responder.builder("pressed", (issuer, serial) -> {
                    lookups.incrementAndGet();
                    return pki.source.lookup(issuer, serial);
                })
                .clock(pki.clock)
                .cache(CacheSettings.defaults())
                .memoryPressure(high::get)
                .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                .build();
    }

    private static byte[] request(CertBundle leaf) {
        return OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
    }

    @Test
    void underPressure_answersAreSignedLiveAndNotCached() {
        CertBundle leaf = pki.leaf("pressed.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = responder();
        high.set(true);

        for (int i = 0; i < 2; i++) {
            FirstLook look = responder.look(request(leaf));
            assertThat(look).as("not answered from the cache").isInstanceOf(FirstLook.Pending.class);
            OcspAnswer.Signed answer = signed(responder.respond((FirstLook.Pending) look));
            assertThat(Parsed.of(answer.der()).basic().getResponses()[0].getCertStatus())
                    .isEqualTo(CertificateStatus.GOOD);
        }
        assertThat(responder.cacheFigures().responses()).isZero();
        assertThat(responder.cacheFigures().statuses()).isZero();
        assertThat(lookups)
                .as("no status kept either: each answer looked it up")
                .hasValue(2);

        high.set(false); // the pressure is gone: caching resumes
        responder.respond((FirstLook.Pending) responder.look(request(leaf)));
        assertThat(responder.look(request(leaf))).isInstanceOf(FirstLook.Answered.class);
    }

    @Test
    void precompute_stopsSigningAheadWhenThePressureRises_andTheRestIsSignedOnRequest() {
        List<CertBundle> leaves = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CertBundle leaf = pki.leaf("leaf" + i + ".example");
            pki.source.good(pki.issuer, leaf.serial());
            leaves.add(leaf);
        }
        Responder responder = responder();
        AtomicInteger streamed = new AtomicInteger();
        StatusInventory inventory = action -> {
            for (CertBundle leaf : leaves) {
                if (streamed.incrementAndGet() > 4) {
                    high.set(true); // the heap fills after four
                }
                action.accept(new KnownCertificate(
                        pki.issuer,
                        leaf.serial(),
                        pki.source.lookup(pki.issuer, leaf.serial()),
                        Optional.of(leaf.certificate().getNotAfter().toInstant())));
            }
        };

        assertThat(responder.cacheMaintainer().precompute(inventory))
                .as("stopped after the four read before the pressure rose")
                .isEqualTo(4);
        // those four are signed on a fill thread: the ones signed after the pressure rose are not kept
        assertThat(responder.cacheFigures().responses()).isBetween(0L, 4L);
        assertThat(responder.cacheMaintainer().fillProgress().signedCount()).isEqualTo(4);

        FirstLook later = responder.look(request(leaves.get(9)));
        assertThat(later).isInstanceOf(FirstLook.Pending.class);
        assertThat(Parsed.of(signed(responder.respond((FirstLook.Pending) later))
                                .der())
                        .basic()
                        .getResponses()[0]
                        .getCertStatus())
                .isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void thisJvmsHeap_isReadFromItsTenuredPools() {
        System.gc(); // what is live now is tenured
        assertThat(MemoryPressure.heapAbove(0.99).high())
                .as("the tests' heap is not 99% full")
                .isFalse();
        assertThat(MemoryPressure.heapAbove(1e-9).high())
                .as("but it holds more than a few bytes")
                .isTrue();
    }
}
