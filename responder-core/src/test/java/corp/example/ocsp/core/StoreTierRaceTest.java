package corp.example.ocsp.core;

import static corp.example.ocsp.core.Answers.signed;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.MemoryPressure;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.cache.StoredResponses;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A change and a read of the store racing. Regression: the change bumped the serial's generation
 * before it removed the stored answer, so a reader whose ticket was taken in between found the old
 * answer in the store and put it into the heap tier, where it outlived the change (SoakTest: a
 * revoked serial answered good again).
 */
class StoreTierRaceTest {
    private final TestCas pki = new TestCas();

    /** An in-memory store whose remove waits until {@link #readDuringRemove} has run. */
    private final class SlowRemoveStore implements StoredResponses {
        final Map<CacheKey, Hit> entries = new ConcurrentHashMap<>();
        Runnable readDuringRemove = () -> {};

        @Override
        public Optional<Hit> get(CacheKey key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public List<Stored> forms(Issuer issuer, BigInteger serial) {
            return List.of();
        }

        @Override
        public boolean put(CacheKey key, OcspAnswer.Signed answer, CertStatus status) {
            entries.put(key, new Hit(answer.asCached(), status));
            return true;
        }

        @Override
        public void confirm(List<CacheKey> keys) {}

        @Override
        public java.util.OptionalLong resumableFrom(String fingerprint) {
            return java.util.OptionalLong.empty();
        }

        @Override
        public void resume() {}

        @Override
        public void watermark(long position, String fingerprint) {}

        @Override
        public void forgetWatermark() {}

        @Override
        public long sweep() {
            return 0;
        }

        @Override
        public void remove(Issuer issuer, BigInteger serial) {
            readDuringRemove.run(); // another thread reads while the change is under way
            entries.keySet().removeIf(k -> k.serial().equals(serial));
        }

        @Override
        public Optional<CacheKey> scan(Optional<CacheKey> after, int limit, Consumer<Stored> action) {
            return Optional.empty();
        }

        @Override
        public long size() {
            return entries.size();
        }

        @Override
        public void signers(Map<Issuer, ResponderSigner> signers) {}

        @Override
        public void close() {}
    }

    @Test
    void aReadOfTheStoreDuringAChange_neverLeavesTheOldAnswerBehindInTheHeap() throws Exception {
        CertBundle leaf = pki.leaf("race.example");
        pki.source.good(pki.issuer, leaf.serial());
        SlowRemoveStore store = new SlowRemoveStore();
        ResponseCache cache = new ResponseCache(
                CacheSettings.defaults(), pki.clock, Optional.empty(), MemoryPressure.NONE, Optional.of(store));
        Responder responder = pki.responder().cache(CacheSettings.defaults()).build();
        OcspAnswer.Signed good = signed(responder.respond(
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build()));
        CacheKey key = new CacheKey(pki.issuer, leaf.serial(), HashAlgorithm.SHA1, false);
        store.put(key, good, CertStatus.good()); // stored by an earlier process, not in the heap tier

        CountDownLatch read = new CountDownLatch(1);
        store.readDuringRemove = () -> {
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
