package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.testing.Await;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConcurrentRevocationTest extends OneIssuerStoreTest {
    @BeforeAll
    static void setUp() {
        open("concurrent-ca", "Concurrent CA");
    }

    @Test
    void revocationsCommittedWhileLookupsRun_areAllSeenByLookupsAndTheFeed() throws Exception {
        int n = 200;
        List<BigInteger> serials = new ArrayList<>();
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < n; i++) {
            BigInteger s = BigInteger.valueOf(10_000 + i);
            serials.add(s);
            index.append("V\t301231235959Z\t\t")
                    .append(SerialNumbers.hex(s))
                    .append("\tunknown\t/CN=c")
                    .append(i)
                    .append('\n');
        }
        store.admin().importIndexTxt("concurrent-ca", new java.io.StringReader(index.toString()), "index.txt");
        Recorder recorder = new Recorder();
        StatusFeed.Subscription sub = store.subscribe(recorder);
        Await.until(Duration.ofSeconds(5), "the feed listens", store::listening);

        Set<BigInteger> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong lookups = new AtomicLong();
        List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            running.add(readers.submit(() -> {
                while (!done.get()) {
                    List<BigInteger> ask = new ArrayList<>();
                    for (int k = 0; k < 5; k++) {
                        ask.add(serials.get(ThreadLocalRandom.current().nextInt(n)));
                    }
                    Set<BigInteger> revokedBefore = Set.copyOf(committed);
                    Map<BigInteger, CertStatus> got = store.lookupAll(issuer, ask);
                    BigInteger single = ask.get(0);
                    boolean singleRevokedBefore = committed.contains(single);
                    CertStatus one = store.lookup(issuer, single);
                    lookups.addAndGet(6);
                    for (BigInteger s : ask) {
                        if (revokedBefore.contains(s) && !(got.get(s) instanceof CertStatus.Revoked)) {
                            violations.add(SerialNumbers.hex(s) + " committed revoked but looked up as " + got.get(s));
                        }
                    }
                    if (singleRevokedBefore && !(one instanceof CertStatus.Revoked)) {
                        violations.add(SerialNumbers.hex(single) + " committed revoked but looked up as " + one);
                    }
                }
                return null;
            }));
        }
        for (BigInteger s : serials) {
            store.admin().revoke("concurrent-ca", s, Revocation.because(RevocationReason.KEY_COMPROMISE));
            committed.add(s);
        }
        done.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        readers.shutdown();

        assertThat(violations).isEmpty();
        assertThat(lookups.get()).isGreaterThan(n);
        assertThat(store.lookupAll(issuer, serials).values()).allMatch(s -> s instanceof CertStatus.Revoked);
        for (BigInteger s : serials) {
            assertThat(recorder.await(s, c -> c.status() instanceof CertStatus.Revoked, Duration.ofSeconds(5)))
                    .as("feed delivered %s", s)
                    .isNotNull();
        }
        sub.close();
    }
}
