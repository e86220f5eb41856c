package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The scale measurement (not a test): loads N certificates (default 10,000,000) of one CA into
 * PostgreSQL (the test fixture's: {@code OCSP_TEST_JDBC_URL}, Testcontainers or embedded), starts
 * the real server ({@code responder-http/target/ocsp-responder.jar serve}, {@code -Xmx1g}, the
 * persistent store on, everything else default) and reports the time to fill, the heap after a GC,
 * the store's size on disk, cached answers' p50/p99 under load (POST keep-alive, 8 client threads,
 * random known serials), then restarts it and reports the restart-to-ready time (until
 * {@code ocsp_cache_filled} is 1) and how many answers that signed, and the latencies again.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl responder-http,benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar corp.example.ocsp.benchmarks.ScaleMeasurement [N [load seconds]]
 * </pre>
 *
 * {@code -Dresponder.heap=1g} and {@code -Dresponder.jar=...} change the server's heap and jar.
 */
public final class ScaleMeasurement {
    private static final int CLIENTS = 8;

    private ScaleMeasurement() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int loadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path jar = Path.of(System.getProperty("responder.jar", "responder-http/target/ocsp-responder.jar"));
        String heap = System.getProperty("responder.heap", "1g");
        Path dir = Files.createTempDirectory("ocsp-scale");
        Ca ca = TestPki.newRoot("Scale CA").keyType(KeyType.EC_P256).build();
        CertBundle signer =
                ca.issueOcspSigner("Scale OCSP").keyType(KeyType.EC_P256).build();
        ca.writeCertPem(dir.resolve("ca.pem"));
        signer.writeCertPem(dir.resolve("s.pem"));
        signer.writeKeyPem(dir.resolve("s.key"));
        try (TestDatabase db = PostgresFixture.newDatabase()) {
            System.out.printf(
                    "%,d certificates, PostgreSQL %s, server heap -Xmx%s, %d CPUs, in %s%n",
                    n, db.server(), heap, Runtime.getRuntime().availableProcessors(), dir);
            load(db, ca, n);
            int port = freePort();
            int adminPort = freePort();
            Path config = writeConfig(dir, db, port, adminPort);
            List<byte[]> requests = requests(ca, n, 20_000);
            for (String round : new String[] {"first start", "restart"}) {
                Server server =
                        Server.start(jar, heap, config, dir.resolve(round.replace(' ', '-') + ".log"), adminPort);
                try {
                    double ready = server.awaitFilled(Duration.ofHours(3));
                    System.out.printf(
                            "%s: filled (ocsp_cache_filled 1) %.1f s after the process started%n", round, ready);
                    System.out.printf("  %s%n", server.logLine("kept ").orElse("(no store line)"));
                    System.out.printf(
                            "  heap after GC: %,d MiB; store on disk: %,d MiB (%,d bytes per certificate);"
                                    + " ocsp_cache_responses %s%n",
                            server.heapAfterGc() >> 20,
                            size(dir.resolve("store")) >> 20,
                            size(dir.resolve("store")) / n,
                            server.metric("ocsp_cache_responses{"));
                    latencies(port, requests, loadSeconds);
                    if (round.equals("restart")) {
                        duringBulkChanges(db, server, port, requests, loadSeconds, n);
                    }
                } finally {
                    server.stop();
                }
            }
        }
    }

    /**
     * Cached answers' latency while PostgreSQL takes a bulk revocation of 100,000 certificates (one
     * UPDATE) and then an import of 1,000,000 new ones, with how long the responder took to answer
     * the revocations (a sample of 200) and how many answers it holds after the import; then another
     * bulk revocation of as many, on the server warmed by all that (its JIT done), as a server that
     * has run a while takes one.
     */
    private static void duringBulkChanges(
            TestDatabase db, Server server, int port, List<byte[]> requests, int seconds, int n) throws Exception {
        // odd indexes are good in the generated index: the first bulk takes the first `revocations`,
        // the one after each bulk the next, the second bulk the `revocations` after it
        int revocations = Math.max(1, Math.min(100_000, (n / 2 - 2) / 2));
        bulkRevocation("a bulk revocation", db, port, requests, seconds, 0, revocations);
        int imported = 1_000_000;
        Thread load = started(() -> timed("imported " + imported + " more", () -> {
            try (PostgresStore store =
                    PostgresStore.open(PostgresStoreConfig.of(db.jdbcUrl(), db.user(), db.password()))) {
                store.admin().importIndexTxt("scale-ca", new IndexLines(n, n + imported), "more certificates");
            }
        }));
        System.out.println("  during an import of 1,000,000 more certificates:");
        latencies(port, requests, seconds);
        load.join();
        long importedAt = System.nanoTime();
        System.out.printf("  when it committed: %s%n", server.metric("ocsp_cache_responses{"));
        long deadline = importedAt + 900_000_000_000L;
        while (System.nanoTime() < deadline && responses(server) < n + imported) {
            Thread.sleep(1000); // polling a process from a measurement, not a test
        }
        System.out.printf(
                "  %s (%s) %.1f s after the import committed%n",
                responses(server) >= n + imported ? "every one precomputed again" : "NOT all precomputed",
                server.metric("ocsp_cache_responses{"),
                (System.nanoTime() - importedAt) / 1e9);
        bulkRevocation(
                "another bulk revocation, the server warm", db, port, requests, seconds, revocations + 1, revocations);
    }

    /**
     * Revokes the certificates of odd indexes {@code 2i+1} for {@code i} from {@code first}, {@code
     * count} of them, in one UPDATE, then the next one alone, committed just after; reports cached
     * answers' latency meanwhile and how long each took to be answered revoked.
     */
    private static void bulkRevocation(
            String what, TestDatabase db, int port, List<byte[]> requests, int seconds, int first, int count)
            throws Exception {
        List<byte[]> revokedSample = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            revokedSample.add(
                    request(serial(2L * (first + ThreadLocalRandom.current().nextInt(count)) + 1)));
        }
        BigInteger afterIt = serial(2L * (first + count) + 1); // good in the generated index, not in the UPDATE
        double[] shown = new double[2];
        Thread revoke = started(() -> timed("revoked " + count + " in one UPDATE", () -> {
            try (java.sql.Connection c = db.connect();
                    java.sql.PreparedStatement ps = c.prepareStatement("UPDATE certificates SET status = 'revoked',"
                            + " revoked_at = now(), reason = 1 WHERE serial = ANY(?) AND status = 'good'")) {
                byte[][] serials = new byte[count][];
                for (int i = 0; i < count; i++) {
                    serials[i] = serial(2L * (first + i) + 1).toByteArray();
                }
                ps.setArray(1, c.createArrayOf("bytea", serials));
                ps.executeUpdate(); // autocommit: committed when it returns
                long committedAt = System.nanoTime();
                ps.setArray(1, c.createArrayOf("bytea", new byte[][] {afterIt.toByteArray()}));
                ps.executeUpdate(); // one more, committed just after: how long it waits behind the bulk
                long oneCommittedAt = System.nanoTime();
                // polled while the load goes on: how long the feed takes under load
                awaitRevoked(port, List.of(request(afterIt)));
                shown[0] = (System.nanoTime() - oneCommittedAt) / 1e9;
                awaitRevoked(port, revokedSample);
                shown[1] = (System.nanoTime() - committedAt) / 1e9;
            }
        }));
        System.out.printf("  during %s:%n", what);
        latencies(port, requests, seconds);
        revoke.join();
        System.out.printf(
                "  a revocation committed just after it answered revoked %.1f s after its commit; a sample of 200 of"
                        + " the %,d %.1f s after the UPDATE committed%n",
                shown[0], count, shown[1]);
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r, "bulk-change");
        t.start();
        return t;
    }

    private static double responses(Server server) throws Exception {
        String line = server.metric("ocsp_cache_responses{");
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void timed(String what, Step step) {
        long t0 = System.nanoTime();
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
        }
        System.out.printf("  (%s in %.1f s)%n", what, (System.nanoTime() - t0) / 1e9);
    }

    /** Polls until every request of {@code sample} is answered revoked (at most 10 minutes). */
    private static void awaitRevoked(int port, List<byte[]> sample) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + 600_000_000_000L;
        for (byte[] body : sample) {
            while (!revoked(client, port, body)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("revocations not answered within 10 minutes");
                }
                Thread.sleep(100); // polling a process from a measurement, not a test
            }
        }
    }

    private static boolean revoked(HttpClient client, int port, byte[] body) throws Exception {
        byte[] der = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .header("Content-Type", "application/ocsp-request")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        org.bouncycastle.cert.ocsp.BasicOCSPResp basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp)
                new org.bouncycastle.cert.ocsp.OCSPResp(der).getResponseObject();
        return basic != null
                && basic.getResponses()[0].getCertStatus() instanceof org.bouncycastle.cert.ocsp.RevokedStatus;
    }

    /** N certificates (10% revoked) into the store through the streaming index.txt import. */
    private static void load(TestDatabase db, Ca ca, int n) {
        try (PostgresStore store = PostgresStore.open(PostgresStoreConfig.of(db.jdbcUrl(), db.user(), db.password()))) {
            store.migrate();
            store.admin().registerIssuer("scale-ca", ca.holder());
            long t0 = System.nanoTime();
            store.admin().importIndexTxt("scale-ca", new IndexLines(0, n), "generated index.txt");
            System.out.printf("loaded %,d certificates in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Serial {@code i}: 9 octets, spread over the range as a CA's random serials are (a bijection of i). */
    static BigInteger serial(long i) {
        long z = i + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        byte[] b = new byte[8];
        for (int k = 0; k < 8; k++) {
            b[k] = (byte) (z >>> (56 - 8 * k));
        }
        return new BigInteger(1, b).setBit(64);
    }

    private static List<byte[]> requests(Ca ca, int n, int count) {
        issuerCertificate = ca.certificate();
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(request(serial(ThreadLocalRandom.current().nextInt(n))));
        }
        return out;
    }

    private static java.security.cert.X509Certificate issuerCertificate;

    private static byte[] request(BigInteger serial) {
        return OcspRequestBuilder.create()
                .certId(issuerCertificate, serial, CertIdHash.SHA1)
                .build();
    }

    /** POST keep-alive from {@value #CLIENTS} threads for {@code seconds}: answers per second, p50, p99. */
    private static void latencies(int port, List<byte[]> requests, int seconds) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        List<long[]> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstError =
                new java.util.concurrent.atomic.AtomicReference<>();
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        long until = warmUntil + seconds * 1_000_000_000L;
        for (int t = 0; t < CLIENTS; t++) {
            long[] mine = new long[4_000_000];
            all.add(mine);
            Thread th = new Thread(() -> {
                int k = 0;
                while (System.nanoTime() < until && k < mine.length - 1) {
                    byte[] body = requests.get(ThreadLocalRandom.current().nextInt(requests.size()));
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(
                                HttpRequest.newBuilder(uri)
                                        .header("Content-Type", "application/ocsp-request")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode());
                        }
                    } catch (IOException e) {
                        if (errors.getAndIncrement() == 0) {
                            firstError.compareAndSet(null, e.toString());
                        }
                        continue;
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    if (start > warmUntil) {
                        mine[++k] = System.nanoTime() - start;
                    }
                }
                mine[0] = k;
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        long total = all.stream().mapToLong(a -> a[0]).sum();
        long[] merged = new long[(int) total];
        int at = 0;
        for (long[] a : all) {
            System.arraycopy(a, 1, merged, at, (int) a[0]);
            at += (int) a[0];
        }
        Arrays.sort(merged);
        System.out.printf(
                "  cached answers under load (%d client threads, POST keep-alive, %d s): %,.0f/s, p50 %.2f ms,"
                        + " p99 %.2f ms; %,d client errors%s%n",
                CLIENTS,
                seconds,
                total / (double) seconds,
                merged[merged.length / 2] / 1e6,
                merged[(int) (merged.length * 0.99)] / 1e6,
                errors.get(),
                firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
    }

    private static Path writeConfig(Path dir, TestDatabase db, int port, int adminPort) throws IOException {
        return Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: %s
                  user: %s
                  password: '%s'
                cache:
                  storeDirectory: store
                admin:
                  listen: 127.0.0.1:%d
                responders:
                  - name: scale
                    listen: 127.0.0.1:%d
                    issuers:
                      - label: scale-ca
                        certificate: ca.pem
                        signer:
                          certificate: s.pem
                          key: s.key
                """.formatted(
                        db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password(), adminPort, port));
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A generated index.txt, produced line by line as it is read: none of it is held. */
    private static final class IndexLines extends Reader {
        private final int n;
        private int next;
        private String line = "";
        private int pos;

        /** Lines for the certificates {@code from} (inclusive) to {@code to}. */
        IndexLines(int from, int to) {
            this.next = from;
            this.n = to;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == line.length()) {
                if (next == n) {
                    return -1;
                }
                int i = next++;
                line = (i % 10 == 0 ? "R\t301231235959Z\t240102030405Z,superseded\t" : "V\t301231235959Z\t\t")
                        + SerialNumbers.hex(serial(i)) + "\tunknown\t/CN=host" + i + "\n";
                pos = 0;
            }
            int k = Math.min(len, line.length() - pos);
            line.getChars(pos, pos + k, buf, off);
            pos += k;
            return k;
        }

        @Override
        public void close() {}
    }
}
