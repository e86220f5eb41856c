package corp.example.ocsp.http.soak;

import ch.qos.logback.classic.Level;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.TestConfigs;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.soak.OcspClient.Transport;
import corp.example.ocsp.http.soak.Tally.Outcome;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import corp.example.ocsp.store.postgres.Revocation;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.PostgresServer;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak: the real {@link ResponderApp} on loopback, against the real PostgreSQL of {@link
 * PostgresFixture}, under a constant mix of requests (good, revoked before the start, being revoked,
 * unknown serials; a quarter with a nonce; POST and GET, kept-alive and HTTP/1.0; mostly SHA-1
 * CertIDs, some SHA-256) while revocations stream in through the admin paths and PostgreSQL is
 * stopped and started again. Every answer is judged ({@link AnswerChecker}); at the end every
 * revocation made is asked for again. Bounded: it stops by itself after the configured load plus
 * at most a minute or two of setup and checks.
 *
 * <pre>{@code
 * SoakReport report = Soak.run(SoakSettings.quick(), tempDir);
 * }</pre>
 *
 * <p>The responder runs with a 500 ms connection timeout and reconcile period (as an operator would
 * set them for fast recovery) and {@code cache.refreshFraction: 0.0001}, so cached responses (4-day
 * validity) come due about 35 s after the minute they were signed in and the refresher re-signs them
 * during the run, racing the revocations as it would in production.
 */
public final class Soak {
    private static final Logger log = LoggerFactory.getLogger(Soak.class);
    static final String ISSUER = "issuing-ca";
    /*
     * Which revocations are held to the visibility bound. The design promises a revocation in the
     * answers within a second of its commit through the change feed, and the clients time it
     * (commit returned -> first revoked answer received). That promise holds while PostgreSQL is up:
     * while it is down the responder by design serves its cached answers until their nextUpdate
     * (availability), and when it is back the feed catches up by reconciling once the pool and the
     * listener have reconnected. So a commit counts as steady, and is held to the bound, only when
     * PostgreSQL had been up for UP_BEFORE before it (the responder's pool and feed have recovered
     * from the last restart) and was not stopped within the bound after it (the delivery was not cut
     * short). The others are measured and reported, and must still be visible at the end.
     */
    private static final Duration UP_BEFORE = Duration.ofSeconds(5);
    /** After the load: PostgreSQL answers the responder's probe, then this long before the end check. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** The longest a revocation may take to commit across outages before it is given up (and the run failed). */
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private static final List<Transport> TRANSPORTS = List.of(Transport.values());

    private final SoakSettings settings;
    private final PostgresServer server;
    private final PostgresStore store;
    private final X509Certificate issuer;
    private final PublicKey signerKey;
    private final List<Leaf> stable;
    private final List<Leaf> preRevoked;
    private final List<Leaf> revocable;
    private final Chaos chaos;
    private final Revoker revoker;
    private final AnswerChecker checker;
    private final OcspClient client;
    private final ResponseTimes times = new ResponseTimes();
    private final String adminUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> problems = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> threadFailures = new ConcurrentLinkedQueue<>();

    private Soak(
            SoakSettings settings,
            PostgresServer server,
            PostgresStore store,
            Path config,
            ResponderApp app,
            CertBundle signer,
            Ca issuing,
            List<Leaf> leaves) {
        this.settings = settings;
        this.server = server;
        this.store = store;
        this.issuer = issuing.certificate();
        this.signerKey = signer.publicKey();
        this.stable = leaves.stream().filter(l -> l.kind == Leaf.Kind.STABLE).toList();
        this.preRevoked =
                leaves.stream().filter(l -> l.kind == Leaf.Kind.PRE_REVOKED).toList();
        this.revocable =
                leaves.stream().filter(l -> l.kind == Leaf.Kind.REVOCABLE).toList();
        this.chaos = new Chaos(server);
        this.revoker = new Revoker(store.admin(), ISSUER, config, revocable, settings.cliShare());
        this.checker = new AnswerChecker(signerKey, chaos, new Tally(), false);
        this.client = new OcspClient(app.addresses().get(0).getPort());
        this.adminUrl = "http://127.0.0.1:" + app.adminAddress().orElseThrow().getPort();
    }

    /**
     * Runs a soak with {@code settings}, its files (PKI, configuration) in {@code dir}, on a new
     * database of the test PostgreSQL, and returns what it saw. PostgreSQL is running when it returns.
     */
    public static SoakReport run(SoakSettings settings, Path dir) throws Exception {
        PostgresServer server = PostgresFixture.server();
        if (settings.restarts() > 0 && !server.canRestart()) {
            throw new IllegalStateException("soak: " + server + " cannot be stopped and started again");
        }
        log.info("soak: {}", settings);
        // one access-log line per request on the console would be most of the work; the soak counts instead
        ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ocsp.access");
        Level accessLevel = access.getLevel();
        access.setLevel(Level.WARN);
        try (TestDatabase db = PostgresFixture.newDatabase()) {
            Ca root = TestPki.newRoot("Soak Root CA").build();
            Ca issuing = root.issueIntermediate("Soak Issuing CA").build();
            issuing.writeCertPem(dir.resolve("issuing-ca.pem"));
            CertBundle signer = issuing.issueOcspSigner("Soak OCSP").build();
            signer.writeCertPem(dir.resolve("responder.pem"));
            signer.writeKeyPem(dir.resolve("responder.key"));
            Path config = TestConfigs.issuingResponder(
                    dir,
                    db,
                    "  connectionTimeout: 500ms\n  reconcilePeriod: 500ms\n",
                    "cache:\n  refreshFraction: 0.0001\n");
            try (PostgresStore store = PostgresStore.open(PostgresStoreConfig.of(db.jdbcUrl(), db.user(), db.password())
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .withApplicationName("soak-admin"))) {
                store.migrate();
                List<Leaf> leaves = register(store, issuing, settings);
                try (ResponderApp app = ResponderApp.start(ConfigFile.load(config), Clock.systemUTC())) {
                    return new Soak(settings, server, store, config, app, signer, issuing, leaves).drive();
                }
            } finally {
                server.start(); // dropping the database needs it
            }
        } finally {
            access.setLevel(accessLevel);
        }
    }

    /** Issues the leaves, records them in the store, and revokes the pre-revoked ones. */
    private static List<Leaf> register(PostgresStore store, Ca issuing, SoakSettings s) {
        long t0 = System.nanoTime();
        store.admin().registerIssuer(ISSUER, issuing.holder());
        List<Leaf> leaves = new ArrayList<>();
        List<X509CertificateHolder> certs = new ArrayList<>();
        int n = s.stableLeaves() + s.preRevokedLeaves() + s.revocableLeaves();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RevocationReason[] reasons = {
            RevocationReason.KEY_COMPROMISE,
            RevocationReason.SUPERSEDED,
            RevocationReason.CESSATION_OF_OPERATION,
            RevocationReason.CA_COMPROMISE,
            RevocationReason.CERTIFICATE_HOLD
        };
        for (int i = 0; i < n; i++) {
            CertBundle leaf = issuing.issueLeaf("leaf-" + i + ".soak.example").build();
            certs.add(leaf.holder());
            if (i < s.stableLeaves()) {
                leaves.add(new Leaf(leaf.serial(), Leaf.Kind.STABLE, null));
            } else if (i < s.stableLeaves() + s.preRevokedLeaves()) {
                Optional<RevocationReason> reason =
                        i % 6 == 5 ? Optional.empty() : Optional.of(reasons[i % reasons.length]);
                leaves.add(new Leaf(
                        leaf.serial(),
                        Leaf.Kind.PRE_REVOKED,
                        new Leaf.Expected(reason, now.minus(Duration.ofHours(i)))));
            } else {
                leaves.add(new Leaf(leaf.serial(), Leaf.Kind.REVOCABLE, null));
            }
        }
        store.admin().addCertificates(ISSUER, certs);
        for (Leaf l : leaves) {
            if (l.kind == Leaf.Kind.PRE_REVOKED) {
                Leaf.Expected e = l.planned();
                store.admin()
                        .revoke(
                                ISSUER,
                                l.serial,
                                e.reason()
                                        .map(Revocation::because)
                                        .orElseGet(Revocation::withoutReason)
                                        .at(e.at()));
            }
        }
        log.info(
                "soak: {} certificates issued and recorded in {} ms ({} stable, {} revoked, {} to revoke)",
                n,
                (System.nanoTime() - t0) / 1_000_000,
                s.stableLeaves(),
                s.preRevokedLeaves(),
                s.revocableLeaves());
        return leaves;
    }

    private SoakReport drive() throws Exception {
        int total = stable.size() + preRevoked.size() + revocable.size();
        Await.until(
                Duration.ofSeconds(120),
                "the response cache holds all " + total + " certificates",
                () -> admin("/metrics").contains("ocsp_cache_responses{responder=\"issuing\"} " + total + ".0"));

        Instant start = Instant.now();
        Instant end = start.plus(settings.load());
        log.info("soak: load starts, until {}", end);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            long seed = start.toEpochMilli() * 31 + i;
            threads.add(thread("soak-client-" + i, () -> clientLoop(new SplittableRandom(seed), end)));
        }
        Thread revokerThread = thread(
                "soak-revoker",
                () -> revoker.run(
                        start,
                        end.minus(settings.visibilityBound()),
                        end.plus(GIVE_UP),
                        settings.revocationsPerSecond()));
        Thread chaosThread = thread(
                "soak-chaos",
                () -> chaos.run(start, end, settings.restarts(), settings.outage(), revoker::revokeJustBeforeStop));
        for (Thread t : threads) {
            t.join(Math.max(1, Duration.between(Instant.now(), end).toMillis() + 60_000));
        }
        Duration loadTook = Duration.between(start, Instant.now());
        chaosThread.join(60_000);
        revokerThread.join(GIVE_UP.toMillis() + 30_000);
        threads.add(revokerThread);
        threads.add(chaosThread);
        threads.stream().filter(Thread::isAlive).forEach(t -> problems.add(t.getName() + " did not finish"));
        problems.addAll(threadFailures);
        server.start();

        Latencies latencies = judgeRevocations(end);
        Tally.Snapshot loadWithLateVerdicts = checker.tally().snapshot();

        // "ready", not just 200: a degraded replica (store unreachable, serving its cache) answers 200 too
        Await.until(
                Duration.ofSeconds(60),
                "the responder is ready again",
                () -> admin("/readyz").strip().equals("ready"));
        Thread.sleep(SETTLE.toMillis());
        AnswerChecker endChecker = new AnswerChecker(signerKey, chaos, new Tally(), true);
        int visible = endCheck(endChecker);
        Tally.Snapshot endTally = endChecker.tally().snapshot();

        List<Leaf> made = revocable.stream().filter(Leaf::revokedDuringRun).toList();
        int abandoned = (int) revocable.stream()
                .filter(l -> l.planned() != null && l.committedAt() == null)
                .count();
        SoakReport.Revocations revocations = new SoakReport.Revocations(
                made.size(),
                (int) made.stream().filter(Leaf::byCli).count(),
                (int) made.stream().filter(Leaf::justBeforeStop).count(),
                revoker.retried(),
                (int) made.stream().filter(Leaf::ambiguous).count(),
                visible,
                latencies.unseen,
                abandoned);
        collectProblems(loadWithLateVerdicts, endTally, revocations, loadTook);
        SoakReport report = new SoakReport(
                settings,
                loadTook,
                loadWithLateVerdicts,
                endTally,
                times,
                revocations,
                SoakReport.Latency.of(latencies.steady),
                SoakReport.Latency.of(latencies.nearOutage),
                latencies.beforeStop.stream().map(Duration::toMillis).toList(),
                chaos.outages(),
                List.copyOf(problems));
        log.info("soak report:\n{}", report.render());
        return report;
    }

    private record Latencies(List<Duration> steady, List<Duration> nearOutage, List<Duration> beforeStop, int unseen) {}

    /**
     * After the load, with the whole picture: the good answers each revoked certificate got after
     * its revocation was planned, and the time each revocation took to be seen.
     * <ul>
     *   <li>A good answer to a request sent after a client had received revoked is wrong: once the
     *       responder said revoked it must never go back.
     *   <li>A good answer whose thisUpdate is after the commit plus the allowed delay is wrong: the
     *       responder signed, after it should have known, that the certificate was good. The delay
     *       is the visibility bound for steady commits; for commits near an outage it is the bound
     *       plus the outage plus UP_BEFORE to recover (the responder serves what it knew until the
     *       feed catches up).
     *   <li>A steady revocation must have been seen revoked within the bound.
     * </ul>
     */
    private Latencies judgeRevocations(Instant end) {
        Tally tally = checker.tally();
        Duration bound = settings.visibilityBound();
        List<Duration> steady = new ArrayList<>();
        List<Duration> nearOutage = new ArrayList<>();
        List<Duration> beforeStop = new ArrayList<>();
        int unseen = 0;
        for (Leaf leaf : revocable) {
            if (leaf.planned() == null) {
                continue;
            }
            Instant seen = leaf.firstRevokedSeen();
            Instant committed = leaf.committedAt();
            boolean isSteady = committed != null && !leaf.ambiguous() && chaos.steady(committed, UP_BEFORE, bound);
            Duration allowed = isSteady ? bound : bound.plus(settings.outage()).plus(UP_BEFORE);
            for (Leaf.GoodAnswer g : leaf.goodAfterPlan()) {
                if (seen != null && g.sentAt().isAfter(seen)) {
                    tally.wrongFoundLater(g.sentAt() + " " + g.how() + ": good, but a client had received revoked at "
                            + seen + " (commit " + committed + ")");
                } else if (committed != null && g.thisUpdate().isAfter(committed.plus(allowed))) {
                    tally.wrongFoundLater(
                            g.sentAt() + " " + g.how() + ": good with thisUpdate " + g.thisUpdate() + ", more than "
                                    + allowed.toMillis() + " ms after the revocation's commit at " + committed);
                }
            }
            if (committed == null) {
                continue;
            }
            if (seen == null) {
                unseen++;
                if (isSteady && committed.plus(bound).isBefore(end)) {
                    problems.add(leaf + ": revoked at " + committed + " with PostgreSQL up, never answered revoked"
                            + " during the load");
                }
                continue;
            }
            Optional<Duration> latency = leaf.visibilityLatency();
            if (latency.isEmpty()) {
                continue;
            }
            (isSteady ? steady : nearOutage).add(latency.get());
            if (leaf.justBeforeStop()) {
                beforeStop.add(latency.get());
            }
            if (isSteady && latency.get().compareTo(bound) > 0) {
                problems.add(leaf + ": revoked at " + committed + " with PostgreSQL up, first answered revoked "
                        + latency.get().toMillis() + " ms later (bound " + bound.toMillis() + " ms)");
            }
        }
        return new Latencies(steady, nearOutage, beforeStop, unseen);
    }

    /**
     * Every revocation made, and every pre-revoked certificate, asked for again three ways (POST
     * SHA-1 without and with a nonce, GET SHA-256 as HTTP/1.0): all must be revoked with the
     * recorded reason and time, and the store must hold them so; a sample of the stable
     * certificates and a few unknown serials must still be good and unknown. Returns how many
     * revocations made during the run passed.
     */
    private int endCheck(AnswerChecker end) throws InterruptedException {
        SplittableRandom rnd = new SplittableRandom(42);
        int visible = 0;
        List<Leaf> revoked = new ArrayList<>(preRevoked);
        revoked.addAll(revocable.stream().filter(Leaf::revokedDuringRun).toList());
        for (Leaf leaf : revoked) {
            boolean ok =
                    ask(end, leaf, leaf.serial, Transport.POST_KEEPALIVE, CertIdHash.SHA1, null) == Outcome.REVOKED;
            ok &= ask(end, leaf, leaf.serial, Transport.POST_KEEPALIVE, CertIdHash.SHA1, nonce(rnd)) == Outcome.REVOKED;
            ok &= ask(end, leaf, leaf.serial, Transport.GET_HTTP10, CertIdHash.SHA256, null) == Outcome.REVOKED;
            Optional<CertStatus> inStore =
                    store.certificate(ISSUER, leaf.serial).map(r -> r.status());
            Leaf.Expected e = leaf.planned();
            CertStatus expected = new CertStatus.Revoked(e.at(), e.reason(), Optional.empty());
            if (!inStore.equals(Optional.of(expected))) {
                problems.add(leaf + ": the store holds "
                        + inStore.map(Object::toString).orElse("nothing") + ", the revoker recorded " + e);
                ok = false;
            }
            if (!ok) {
                problems.add(leaf + ": not answered revoked (" + e + ") at the end");
            } else if (leaf.kind == Leaf.Kind.REVOCABLE) {
                visible++;
            }
        }
        for (Leaf leaf : stable.subList(0, Math.min(20, stable.size()))) {
            if (ask(end, leaf, leaf.serial, Transport.POST_KEEPALIVE, CertIdHash.SHA1, nonce(rnd)) != Outcome.GOOD) {
                problems.add(leaf + ": not answered good at the end");
            }
        }
        for (int i = 0; i < 5; i++) {
            if (ask(end, null, unknownSerial(rnd), Transport.POST_HTTP10, CertIdHash.SHA1, null) != Outcome.UNKNOWN) {
                problems.add("an unknown serial was not answered unknown at the end");
            }
        }
        return visible;
    }

    private void collectProblems(Tally.Snapshot load, Tally.Snapshot end, SoakReport.Revocations r, Duration took) {
        if (load.count(Outcome.BAD) > 0 || load.wrongAnswers() > 0) {
            problems.add(
                    0, load.count(Outcome.BAD) + " bad and " + load.wrongAnswers() + " wrong answers during the load");
        }
        if (end.count(Outcome.BAD) > 0 || end.wrongAnswers() > 0) {
            problems.add(end.count(Outcome.BAD) + " bad and " + end.wrongAnswers() + " wrong answers at the end");
        }
        if (chaos.outages().size() != settings.restarts()) {
            problems.add(chaos.outages().size() + " outages instead of " + settings.restarts());
        }
        if (r.abandoned() > 0) {
            problems.add(r.abandoned() + " revocations never committed");
        }
        long minAnswers =
                (long) settings.minAnswersPerSecond() * settings.load().toSeconds();
        if (load.answers() < minAnswers) {
            problems.add("only " + load.answers() + " answers in " + took.toSeconds() + " s (at least " + minAnswers
                    + " expected)");
        }
        // the revoker runs until the bound before the end, and stalls during outages
        double revokingSeconds = settings.load()
                .minus(settings.visibilityBound())
                .minus(settings.outage().plusSeconds(2).multipliedBy(settings.restarts()))
                .toSeconds();
        int minRevocations = (int) (settings.revocationsPerSecond() * revokingSeconds / 2);
        if (r.made() < minRevocations) {
            problems.add("only " + r.made() + " revocations made (at least " + minRevocations + " expected)");
        }
    }

    private Outcome ask(
            AnswerChecker c, Leaf leaf, BigInteger serial, Transport transport, CertIdHash hash, byte[] nonce)
            throws InterruptedException {
        Probe p = Probe.of(issuer, leaf, serial, transport, hash, nonce);
        Instant sent = Instant.now();
        try {
            OcspClient.HttpAnswer a = client.send(transport, p.der());
            Instant received = Instant.now();
            if (c == checker) { // the load's, not the end check's
                times.record(p, Duration.between(sent, received), chaos.during(sent) || chaos.during(received));
            }
            return c.check(p, sent, received, a);
        } catch (IOException e) {
            return c.failed(p, sent, e);
        }
    }

    /** One client: a request at a time, each judged, until {@code end}. */
    private void clientLoop(SplittableRandom rnd, Instant end) throws InterruptedException {
        while (Instant.now().isBefore(end)) {
            int r = rnd.nextInt(100);
            Object[] hot = revoker.hot().toArray();
            Leaf leaf;
            if (r < 25 && hot.length > 0) {
                leaf = (Leaf) hot[rnd.nextInt(hot.length)];
            } else if (r < 45) {
                leaf = revocable.get(rnd.nextInt(revocable.size()));
            } else if (r < 65) {
                leaf = stable.get(rnd.nextInt(stable.size()));
            } else if (r < 80) {
                leaf = preRevoked.get(rnd.nextInt(preRevoked.size()));
            } else {
                leaf = null;
            }
            BigInteger serial = leaf == null ? unknownSerial(rnd) : leaf.serial;
            int t = rnd.nextInt(100);
            Transport transport = TRANSPORTS.get(t < 40 ? 0 : t < 70 ? 1 : t < 85 ? 2 : 3);
            CertIdHash hash = rnd.nextInt(100) < 15 ? CertIdHash.SHA256 : CertIdHash.SHA1;
            ask(checker, leaf, serial, transport, hash, rnd.nextInt(100) < 25 ? nonce(rnd) : null);
        }
    }

    private static byte[] nonce(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextBoolean() ? 16 : 32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    /** A 63-bit serial: the leaves' are 121 to 128 bits long, so it is never one of them. */
    private static BigInteger unknownSerial(SplittableRandom rnd) {
        return BigInteger.valueOf(rnd.nextLong(1, Long.MAX_VALUE));
    }

    interface Body {
        void run() throws Exception;
    }

    private Thread thread(String name, Body body) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Exception | Error e) {
                        log.error("soak: {} failed", name, e);
                        threadFailures.add(name + " failed: " + e);
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private String admin(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(adminUrl + path)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
