package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Single-serial {@link PostgresStore#lookup} calls per second against 1,000,000 certificates, on
 * the PostgreSQL of {@link PostgresFixture} ({@code OCSP_TEST_JDBC_URL}, else Testcontainers, else
 * embedded). A plain harness, not JMH: the cost is a database round trip, not JIT-sensitive code.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am install -DskipTests
 * java -cp benchmarks/target/benchmarks.jar corp.example.ocsp.benchmarks.StoreLookupBenchmark [rows] [seconds] [threads...]
 * </pre>
 *
 * Defaults: 1000000 rows, 10 s per run, runs with 1, 4 and 8 threads (pool size 8). Serials are
 * drawn uniformly from the loaded ones; 10% of the rows are revoked.
 */
public final class StoreLookupBenchmark {
    private StoreLookupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] threads = args.length > 2
                ? Arrays.stream(args, 2, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {1, 4, 8};
        X509CertificateHolder ca = selfSignedCa();
        Issuer issuer = Issuer.of("bench-ca", ca);

        try (TestDatabase db = PostgresFixture.newDatabase();
                PostgresStore store =
                        PostgresStore.open(PostgresStoreConfig.of(db.jdbcUrl(), db.user(), db.password()))) {
            System.out.printf(
                    "PostgreSQL: %s, %d rows, %d s per run, JVM %s, %d CPUs%n",
                    db.server(),
                    rows,
                    seconds,
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            store.migrate();
            store.admin().registerIssuer("bench-ca", ca);
            long t0 = System.nanoTime();
            store.admin().importIndexTxt("bench-ca", new StringReader(indexTxt(rows)), "generated index.txt");
            System.out.printf("loaded %d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE certificates");
            }
            run(store, issuer, rows, 1, 3, false); // warm-up: JIT, server-side prepared statements, buffers
            for (int t : threads) {
                run(store, issuer, rows, t, seconds, true);
            }
        }
    }

    private static void run(PostgresStore store, Issuer issuer, int rows, int threads, int seconds, boolean report)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[4_000_000];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    BigInteger serial = serial(ThreadLocalRandom.current().nextInt(rows));
                    long s = System.nanoTime();
                    CertStatus status = store.lookup(issuer, serial);
                    latencies[n++] = System.nanoTime() - s;
                    if (status == CertStatus.notKnown()) {
                        throw new IllegalStateException("serial " + SerialNumbers.hex(serial) + " not found");
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (report) {
            System.out.printf(
                    "threads %d: %,d lookups in %d s = %,.0f lookups/s; latency p50 %.0f us, p99 %.0f us, max %.0f us%n",
                    threads,
                    merged.length,
                    seconds,
                    merged.length / (double) seconds,
                    merged[merged.length / 2] / 1e3,
                    merged[(int) (merged.length * 0.99)] / 1e3,
                    merged[merged.length - 1] / 1e3);
        }
    }

    private static BigInteger serial(int i) {
        return BigInteger.valueOf(0x7A00_0000_0000L + i * 7919L);
    }

    private static String indexTxt(int rows) {
        StringBuilder b = new StringBuilder(rows * 60);
        for (int i = 0; i < rows; i++) {
            b.append(i % 10 == 0 ? "R\t301231235959Z\t240102030405Z,superseded\t" : "V\t301231235959Z\t\t")
                    .append(SerialNumbers.hex(serial(i)))
                    .append("\tunknown\t/CN=host")
                    .append(i)
                    .append('\n');
        }
        return b.toString();
    }

    private static X509CertificateHolder selfSignedCa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        X500Name name = new X500Name("CN=Benchmark CA");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.ONE,
                Date.from(Instant.now()),
                Date.from(Instant.now().plusSeconds(86_400)),
                name,
                key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    }
}
