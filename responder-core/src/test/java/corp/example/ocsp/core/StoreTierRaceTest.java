package corp.example.ocsp.core;

import static corp.example.ocsp.core.Answers.signed;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.MemoryPressure;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A change and a read of the store racing. Regression: the change bumped the serial's generation
 * before it removed the stored answer, so a reader whose ticket was taken in between found the old
 * answer in the store and put it into the heap tier, where it outlived the change (SoakTest: a
 * revoked serial answered good again).
 */
class StoreTierRaceTest {
    private final TestCas pki = new TestCas();

    @Test
    void aReadOfTheStoreDuringAChange_neverLeavesTheOldAnswerBehindInTheHeap() throws Exception {
        CertBundle leaf = pki.leaf("race.example");
        pki.source.good(pki.issuer, leaf.serial());
        InMemoryStoredResponses store = new InMemoryStoredResponses();
        ResponseCache cache = new ResponseCache(
                CacheSettings.defaults(), pki.clock, Optional.empty(), MemoryPressure.NONE, Optional.of(store));
        Responder responder = pki.responder().cache(CacheSettings.defaults()).build();
        OcspAnswer.Signed good = signed(responder.respond(
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build()));
        CacheKey key = new CacheKey(pki.issuer, leaf.serial(), HashAlgorithm.SHA1, false);
        store.put(key, good, CertStatus.good()); // stored by an earlier process, not in the heap tier

        CountDownLatch read = new CountDownLatch(1);
        store.duringRemove = () -> {
            Thread reader = new Thread(() -> {
                ResponseCache.Ticket ticket = cache.ticket(pki.issuer, leaf.serial());
                cache.stored(ticket, key, pki.clock.instant());
                read.countDown();
            });
            reader.start();
            try {
                assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        CertStatus revoked = CertStatus.revoked(pki.clock.instant(), RevocationReason.KEY_COMPROMISE);
        cache.changed(pki.issuer, leaf.serial(), revoked);

        assertThat(cache.get(key, pki.clock.instant()))
                .as("the old answer in the heap tier")
                .isNull();
        assertThat(cache.stored(cache.ticket(pki.issuer, leaf.serial()), key, pki.clock.instant()))
                .as("the old answer in the store")
                .isNull();
    }
}
