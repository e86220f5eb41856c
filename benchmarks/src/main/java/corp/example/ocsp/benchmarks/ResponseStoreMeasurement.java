package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.CacheMaintainer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.MemoryPressure;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.ChangeLog;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.responses.ResponseStore;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The persistent response store with N certificates (default 1,000,000, P-256 responder key, SHA-1
 * CertIDs): the first fill (signing every one, one thread, written through to the store), the
 * store's size on disk, the heap after GC with a 64 MiB heap tier, a restart's fill without a
 * change log (the stored answers confirmed against the inventory one by one, none signed again), a
 * restart from the watermark (a change log with nothing changed: no inventory read), and store reads
 * per second on one and on two threads after each restart. The store goes to DIR (default a new temporary directory), deleted after.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar corp.example.ocsp.benchmarks.ResponseStoreMeasurement [N [DIR]]
 * </pre>
 */
public final class ResponseStoreMeasurement {
    private ResponseStoreMeasurement() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("store-bench");
        BenchPki pki = new BenchPki(corp.example.ocsp.testing.pki.KeyType.EC_P256);
        ResponderSigner signer = pki.signer(SignatureProvider.AUTO);
        Map<Issuer, ResponderSigner> signers = Map.of(pki.issuer, signer);
        BigInteger[] serials = new BigInteger[n];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < n; i++) {
            serials[i] = new BigInteger(127, random).setBit(120); // 16-octet serials, as CAs issue them
        }
        java.util.Arrays.sort(serials); // in serial order, as PostgreSQL's inventory streams them
        StatusInventory inventory = action -> {
            for (BigInteger s : serials) {
                action.accept(new KnownCertificate(pki.issuer, s, CertStatus.good(), Optional.empty()));
            }
        };
        long heapBefore = usedHeapAfterGc();
        AtomicLong signatures = new AtomicLong();
        // nothing changes between the rounds: the log has no changes and its feed delivered all
        ChangeLog unchanged = new ChangeLog() {
            @Override
            public OptionalLong delivered() {
                return OptionalLong.of(1);
            }

            @Override
            public OptionalLong changedSince(long position, java.util.function.Consumer<KnownCertificate> action) {
                return OptionalLong.of(1);
            }
        };
        for (String round : new String[] {"first fill", "restart", "restart from the watermark"}) {
            long open = System.nanoTime();
            try (ResponseStore store = ResponseStore.open(dir, signers, 64L << 30)) {
                double opened = (System.nanoTime() - open) / 1e6;
                Responder responder = Responder.builder("bench", new InMemoryStatusSource())
                        .issuer(pki.issuer, signer)
                        .cache(CacheSettings.defaults().withMaxBytes(64L << 20))
                        .memoryPressure(MemoryPressure.NONE)
                        .metrics((name, nanos) -> signatures.incrementAndGet())
                        .store(store)
                        .build();
                signatures.set(0);
                long start = System.nanoTime();
                // the first fill records a watermark; the plain restart checks every entry (no log)
                int answered = round.equals("restart")
                        ? responder.cacheMaintainer().precompute(inventory)
                        : responder.cacheMaintainer().precompute(inventory, 1, Optional.of(unchanged));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "%s: store opened in %.0f ms; %,d certificates answered in %.1f s (%,.0f/s), %,d signed%n",
                        round, opened, answered, seconds, answered / seconds, signatures.get());
                System.out.printf(
                        "  store: %,d entries, %,d MiB on disk (%,d bytes each); heap after GC %,d MiB above the"
                                + " start (heap tier %,d MiB, %,d statuses)%n",
                        store.size(),
                        store.diskBytes() >> 20,
                        store.diskBytes() / Math.max(1, store.size()),
                        (usedHeapAfterGc() - heapBefore) >> 20,
                        responder.cacheFigures().weightBytes() >> 20,
                        responder.cacheFigures().statuses());
                if (!round.equals("first fill")) {
                    reads(store, pki.issuer, serials, 1);
                    reads(store, pki.issuer, serials, 2);
                }
                if (round.equals("restart from the watermark")) {
                    revocations(responder, pki.issuer, serials, signatures);
                }
            }
        }
        if (args.length < 2) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A bulk revocation as the change feed delivers it: a tenth of the certificates (at most
     * 100,000) revoked, applied on one thread (the feed's) with the re-sign queue full, as it is
     * during such a change: how many changes a second the cache and the store take, one at a time
     * and in the PostgreSQL feed's batches of 1,000 (other serials each); then in batches of 1,000
     * again with a re-sign thread beside it, as in the server: how long the feed's side takes, how
     * many answers the re-sign thread signs, and when its queue has drained.
     */
    private static void revocations(Responder responder, Issuer issuer, BigInteger[] serials, AtomicLong signatures)
            throws InterruptedException {
        int count = Math.min(100_000, serials.length / 10);
        CertStatus revoked = CertStatus.revoked(java.time.Instant.now(), RevocationReason.KEY_COMPROMISE);
        java.util.concurrent.Executor full = task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        };
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            responder.cacheMaintainer().onChanges(List.of(new StatusChange(issuer, serials[i * 10], revoked)), full);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "  %,d revocations applied in %.2f s (%,.0f/s), one at a time%n", count, seconds, count / seconds);
        start = System.nanoTime();
        inBatches(responder, issuer, serials, count, 5, revoked, full);
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "  %,d revocations applied in %.2f s (%,.0f/s), 1,000 at a time%n", count, seconds, count / seconds);
        ThreadPoolExecutor resigner = new ThreadPoolExecutor( // as the server's, one thread
                1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CacheMaintainer.RESIGN_QUEUE_TASKS));
        long signedBefore = signatures.get();
        start = System.nanoTime();
        int refused = inBatches(responder, issuer, serials, count, 7, revoked, resigner);
        seconds = (System.nanoTime() - start) / 1e9;
        resigner.shutdown();
        resigner.awaitTermination(10, TimeUnit.MINUTES);
        double drained = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "  %,d revocations applied in %.2f s (%,.0f/s), 1,000 at a time with a re-sign thread beside;"
                        + " it signed %,d answers (%,d re-signs not offered) and drained %.2f s after the first batch%n",
                count, seconds, count / seconds, signatures.get() - signedBefore, refused, drained);
    }

    /**
     * Revokes {@code count} certificates, every tenth from {@code offset} on, in the PostgreSQL
     * feed's batches of 1,000; returns how many re-signs {@code background} was not offered.
     */
    private static int inBatches(
            Responder responder,
            Issuer issuer,
            BigInteger[] serials,
            int count,
            int offset,
            CertStatus revoked,
            java.util.concurrent.Executor background) {
        int refused = 0;
        for (int from = 0; from < count; from += 1_000) {
            List<StatusChange> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1_000); i++) {
                batch.add(new StatusChange(issuer, serials[i * 10 + offset], revoked));
            }
            refused += responder.cacheMaintainer().onChanges(batch, background);
        }
        return refused;
    }

    /** Random store reads (whole answers, signer certificate appended) for 3 s on {@code threads} threads. */
    private static void reads(ResponseStore store, Issuer issuer, BigInteger[] serials, int threads)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long until = System.nanoTime() + 3_000_000_000L;
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                long mine = 0;
                while (System.nanoTime() < until) {
                    BigInteger s = serials[ThreadLocalRandom.current().nextInt(serials.length)];
                    if (store.get(new CacheKey(issuer, s, HashAlgorithm.SHA1, false))
                            .isEmpty()) {
                        throw new IllegalStateException("serial missing from the store");
                    }
                    mine++;
                }
                done.addAndGet(mine);
            });
            th.start();
            running.add(th);
        }
        for (Thread th : running) {
            th.join();
        }
        System.out.printf("  store reads on %d thread(s): %,.0f/s%n", threads, done.get() / 3.0);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
