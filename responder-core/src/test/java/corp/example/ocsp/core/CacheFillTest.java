package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.MemoryPressure;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The start-up fill signs on every fill thread, and says how far it has come. */
class CacheFillTest {
    private static final int N = 400;
    private final TestCas pki = new TestCas();
    private final Set<String> signingThreads = ConcurrentHashMap.newKeySet();

    private final StatusInventory inventory = new StatusInventory() {
        @Override
        public void forEachKnown(Consumer<KnownCertificate> action) {
            for (int i = 0; i < N; i++) {
                action.accept(new KnownCertificate(pki.issuer, serial(i), CertStatus.good(), Optional.empty()));
            }
        }

        @Override
        public OptionalLong count() {
            return OptionalLong.of(N);
        }
    };

    private static BigInteger serial(int i) {
        return BigInteger.valueOf(70_000 + i);
    }

    @Test
    void aFillOnFourThreads_signsOnAllFour_answersEveryCertificate_andReportsItsProgress() {
        Responder responder = pki.responder()
                .cache(CacheSettings.defaults())
                .memoryPressure(MemoryPressure.NONE)
                .metrics((name, nanos) ->
                        signingThreads.add(Thread.currentThread().getName()))
                .build();
        for (int i = 0; i < N; i++) {
            pki.source.good(pki.issuer, serial(i));
        }
        FillProgress progress = responder.cacheMaintainer().fillProgress();
        assertThat(progress.remaining()).as("no fill yet, no total").isEmpty();

        long start = System.nanoTime();
        assertThat(responder.cacheMaintainer().precompute(inventory, 4)).isEqualTo(N);
        System.out.printf("filled %d on 4 threads in %d ms%n", N, (System.nanoTime() - start) / 1_000_000);

        assertThat(signingThreads).as("every fill thread signed").hasSize(4);
        assertThat(responder.cacheFigures().responses()).isEqualTo(N);
        assertThat(progress.certificates()).isEqualTo(N);
        assertThat(progress.total()).hasValue(N);
        assertThat(progress.signedCount()).isEqualTo(N);
        assertThat(progress.finished()).isTrue();
        assertThat(progress.remaining()).hasValue(Duration.ZERO);
        assertThat(progress.ratePerSecond()).isPositive();
        for (int i = 0; i < N; i += 41) {
            byte[] request = OcspRequestBuilder.create()
                    .certId(pki.issuing.certificate(), serial(i), CertIdHash.SHA1)
                    .build();
            assertThat(responder.look(request)).as("serial %d", i).isInstanceOf(FirstLook.Answered.class);
        }
    }
}
