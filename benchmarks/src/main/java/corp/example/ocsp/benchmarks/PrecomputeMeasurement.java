package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.testing.pki.KeyType;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Start-up precompute for N certificates (default 1,000,000) with a P-256 responder key: how long
 * signing them all takes on one thread, and the heap each cached response costs.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar corp.example.ocsp.benchmarks.PrecomputeMeasurement [N]
 * </pre>
 */
public final class PrecomputeMeasurement {
    private PrecomputeMeasurement() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BenchPki pki = new BenchPki(KeyType.EC_P256);
        Issuer issuer = pki.issuer;
        Responder responder = pki.responder(new InMemoryStatusSource())
                .cache(CacheSettings.defaults().withMaxBytes(8L << 30))
                .build();
        BigInteger[] serials = new BigInteger[n];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < n; i++) {
            serials[i] = new BigInteger(127, random).setBit(120); // 16-octet serials, as CAs issue them
        }
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        int signed = responder.cacheMaintainer().precompute(action -> {
            for (BigInteger s : serials) {
                action.accept(new KnownCertificate(issuer, s, CertStatus.good(), Optional.empty()));
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedHeapAfterGc();
        System.out.printf(
                "precomputed %,d responses (P-256, SHA-1 CertIDs) in %.1f s on one thread: %,.0f/s%n",
                signed, seconds, signed / seconds);
        System.out.printf(
                "cache: %,d responses, %,d statuses, weight %,d MiB; heap grew %,d MiB: %,d bytes per cached "
                        + "certificate (response + status)%n",
                responder.cacheFigures().responses(),
                responder.cacheFigures().statuses(),
                responder.cacheFigures().weightBytes() >> 20,
                (after - before) >> 20,
                (after - before) / Math.max(1, signed));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
