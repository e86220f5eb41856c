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
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk change leaves the removal of its serials' stored answers to a thread of its own, so the
 * feed applies the next change without waiting for the disk; until they are removed they must
 * never be served, and what is signed after the change must survive their removal.
 */
class BulkChangeRemovalTest {
    private static final int BULK = 300;

    private final TestCas pki = new TestCas();
    private final InMemoryStoredResponses store = new InMemoryStoredResponses();
    /** Counted down to let the store's removals finish. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final ResponseCache cache = new ResponseCache(
            CacheSettings.defaults(), pki.clock, Optional.empty(), MemoryPressure.NONE, Optional.of(store));
    private final CertStatus revoked = CertStatus.revoked(pki.clock.instant(), RevocationReason.KEY_COMPROMISE);

    @BeforeEach
    void holdTheRemovals() {
        store.duringRemove = () -> {
            try {
                assertThat(release.await(30, TimeUnit.SECONDS))
                        .as("the removal was released")
                        .isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
    }

    @AfterEach
    void releaseTheRemovals() {
        release.countDown();
    }

    private static BigInteger serial(int i) {
        return BigInteger.valueOf(7000 + i);
    }

    private CacheKey key(int i) {
        return new CacheKey(pki.issuer, serial(i), HashAlgorithm.SHA1, false);
    }

    private OcspAnswer.Signed answer(int i, CertStatus status) {
        pki.source.put(pki.issuer, serial(i), status);
        Responder responder = pki.responder().build();
        return signed(responder.respond(OcspRequestBuilder.create()
                .certId(pki.issuing.certificate(), serial(i), CertIdHash.SHA1)
                .build()));
    }

    /** Every serial's good answer in the store, as an earlier process left it; returns the bulk revocation. */
    private List<StatusChange> storedGoodThenRevoked() {
        OcspAnswer.Signed good = answer(0, CertStatus.good());
        List<StatusChange> bulk = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            store.put(key(i), good, CertStatus.good());
            bulk.add(new StatusChange(pki.issuer, serial(i), revoked));
        }
        return bulk;
    }

    private List<ResponseCache.Ticket> applied(List<StatusChange> changes) throws Exception {
        return CompletableFuture.supplyAsync(() -> cache.changedAll(changes)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aBulkChange_returnsBeforeItsStoredAnswersAreRemoved_andServesNoneOfThemMeanwhile() throws Exception {
        List<StatusChange> bulk = storedGoodThenRevoked();

        applied(bulk); // returns although no removal could finish

        assertThat(store.entries).as("not removed yet").hasSize(BULK);
        for (int i = 0; i < BULK; i++) {
            assertThat(cache.stored(cache.ticket(pki.issuer, serial(i)), key(i), pki.clock.instant()))
                    .as("serial %d's old answer", i)
                    .isNull();
            assertThat(cache.status(pki.issuer, serial(i))).contains(revoked);
        }
        release.countDown();
        cache.finishRemovals();
        assertThat(store.entries).as("removed once finishRemovals returns").isEmpty();
    }

    @Test
    void anAnswerKeptAfterABulkChange_survivesTheRemovalBehindIt_andIsServed() throws Exception {
        List<StatusChange> bulk = storedGoodThenRevoked();
        OcspAnswer.Signed revokedAnswer = answer(0, revoked);

        List<ResponseCache.Ticket> tickets = applied(bulk);
        release.countDown(); // the put removes the serial's old answers itself
        assertThat(cache.put(tickets.get(0), key(0), revokedAnswer, revoked)).isFalse();
        cache.finishRemovals();

        assertThat(store.entries).containsOnlyKeys(key(0));
        assertThat(store.entries.get(key(0)).status()).isEqualTo(revoked);
        OcspAnswer.Signed served = cache.stored(cache.ticket(pki.issuer, serial(0)), key(0), pki.clock.instant());
        assertThat(served).isNotNull();
        assertThat(served.outcome()).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void aSmallChange_removesItsStoredAnswerBeforeItReturns() {
        store.put(key(0), answer(0, CertStatus.good()), CertStatus.good());
        store.put(key(1), answer(1, CertStatus.good()), CertStatus.good());
        release.countDown();

        cache.changed(pki.issuer, serial(0), revoked);

        assertThat(store.entries).containsOnlyKeys(key(1));
    }
}
