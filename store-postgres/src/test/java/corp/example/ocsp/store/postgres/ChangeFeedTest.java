package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ChangeFeedTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedTest.class);
    /**
     * How long a change may take to arrive before the test fails: generous, for a loaded machine.
     * The delays are logged; the bound on how long a revocation may take to be answered
     * is held by {@code scripts/soak}.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    static TestDatabase db;
    static PostgresStore store;
    static TestCerts.Ca ca;
    static long nextSerial = 5000;

    Recorder recorder;
    StatusFeed.Subscription subscription;

    @BeforeAll
    static void setUp() {
        db = PostgresFixture.newDatabase();
        store = StoreTests.migratedStore(db);
        ca = TestCerts.ca("Feed CA");
        store.admin().registerIssuer("feed-ca", ca.cert());
    }

    @AfterAll
    static void tearDown() {
        store.close();
        db.close();
    }

    @BeforeEach
    void subscribe() throws Exception {
        recorder = new Recorder();
        subscription = store.subscribe(recorder);
        Await.until(PATIENCE, "the feed listens", store::listening);
    }

    @AfterEach
    void unsubscribe() {
        subscription.close();
    }

    static BigInteger newCertificate() {
        BigInteger serial = BigInteger.valueOf(nextSerial++);
        store.admin().addCertificates("feed-ca", List.of(TestCerts.leaf(ca, serial)));
        return serial;
    }

    /** The delays from commit to subscriber are logged (the README's figures come from here). */
    @Test
    void revoke_isDeliveredToTheSubscriber() throws Exception {
        List<Long> delaysMicros = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BigInteger serial = newCertificate();
            store.admin().revoke("feed-ca", serial, Revocation.because(RevocationReason.KEY_COMPROMISE));
            long committed = System.nanoTime();

            Recorder.Received r = recorder.await(serial, c -> c.status() instanceof CertStatus.Revoked, PATIENCE);

            assertThat(r).as("revocation of %s delivered", serial).isNotNull();
            assertThat(r.change().issuer()).isEqualTo(Issuer.of("feed-ca", ca.cert()));
            assertThat(r.change().issuer().label()).isEqualTo("feed-ca");
            long delay = Math.max(0, r.nanos() - committed) / 1000;
            delaysMicros.add(delay);
        }
        Collections.sort(delaysMicros);
        LOG.info(
                "feed delay commit -> subscriber over {} revocations: median {} us, max {} us",
                delaysMicros.size(),
                delaysMicros.get(delaysMicros.size() / 2),
                delaysMicros.get(delaysMicros.size() - 1));
    }

    @Test
    void delivery_resumesAfterTheListenerConnectionIsKilled() throws Exception {
        int killed = db.server().terminateSessions(store.config().listenerApplicationName());
        assertThat(killed).isEqualTo(1);

        BigInteger serial = newCertificate();
        store.admin().revoke("feed-ca", serial, Revocation.because(RevocationReason.SUPERSEDED));

        assertThat(recorder.await(serial, c -> c.status() instanceof CertStatus.Revoked, PATIENCE))
                .isNotNull();
        Await.until(PATIENCE, "the listener reconnects", store::listening);
        BigInteger after = newCertificate();
        long t0 = System.nanoTime();
        store.admin().revoke("feed-ca", after, Revocation.because(RevocationReason.SUPERSEDED));
        Recorder.Received r = recorder.await(after, c -> c.status() instanceof CertStatus.Revoked, PATIENCE);
        assertThat(r).isNotNull();
        LOG.info("feed delay after the listener reconnected: {} us", Math.max(0, r.nanos() - t0) / 1000);
    }

    @Test
    void reconcile_deliversAChangeMadeWhileTheListenerCannotReconnect() throws Exception {
        BigInteger serial = newCertificate();
        db.allowConnections(false);
        try {
            db.server().terminateSessions(store.config().listenerApplicationName());
            Await.until(PATIENCE, "the listener is down", () -> !store.listening());

            store.admin().revoke("feed-ca", serial, Revocation.because(RevocationReason.CESSATION_OF_OPERATION));

            Recorder.Received r = recorder.await(serial, c -> c.status() instanceof CertStatus.Revoked, PATIENCE);
            assertThat(r).as("delivered by the reconcile").isNotNull();
            assertThat(store.listening()).as("the listener is still down").isFalse();
        } finally {
            db.allowConnections(true);
        }
        Await.until(PATIENCE, "the listener reconnects", store::listening);
    }

    @Test
    void delete_isDeliveredAsNotKnown() throws Exception {
        BigInteger serial = newCertificate();
        recorder.await(serial, c -> c.status() == CertStatus.good(), PATIENCE);

        StoreTests.sql(db, "DELETE FROM certificates WHERE serial = " + StoreTests.bytea(serial));

        assertThat(recorder.await(serial, c -> c.status() == CertStatus.notKnown(), PATIENCE))
                .isNotNull();
    }

    @Test
    void addAndUnrevoke_areDelivered() throws Exception {
        BigInteger serial = newCertificate();
        assertThat(recorder.await(serial, c -> c.status() == CertStatus.good(), PATIENCE))
                .isNotNull();

        store.admin().revoke("feed-ca", serial, Revocation.because(RevocationReason.CERTIFICATE_HOLD));
        assertThat(recorder.await(serial, c -> c.status() instanceof CertStatus.Revoked, PATIENCE))
                .isNotNull();
        recorder.clear();
        store.admin().unrevoke("feed-ca", serial);

        assertThat(recorder.await(serial, c -> c.status() == CertStatus.good(), PATIENCE))
                .isNotNull();
    }

    @Test
    void bulkImport_isDeliveredRowByRow() throws Exception {
        importValid(900_000, 2500);

        for (int i = 0; i < 2500; i += 499) {
            assertThat(recorder.await(BigInteger.valueOf(900_000 + i), c -> c.status() == CertStatus.good(), PATIENCE))
                    .as("serial %d delivered", 900_000 + i)
                    .isNotNull();
        }
        Await.until(
                PATIENCE,
                "every imported row delivered",
                () -> recorder.changes().size() >= 2500);
    }

    @Test
    void bulkImport_reachesABatchSubscriber_inAFewListsOfAtMostAThousand() throws Exception {
        List<List<StatusChange>> batches = Collections.synchronizedList(new ArrayList<>());
        try (StatusFeed.Subscription batched = store.subscribeBatches(batches::add)) {
            importValid(950_000, 2500);

            Await.until(
                    PATIENCE,
                    "every imported row delivered",
                    () -> imported(batches).size() == 2500);
        }
        List<List<StatusChange>> withImported = batches.stream()
                .filter(b -> b.stream().anyMatch(ChangeFeedTest::isBatchImport))
                .toList();
        // one transaction, read by one reconcile: 1,000 + 1,000 + 500, not 2,500 lists of one
        assertThat(withImported)
                .hasSizeLessThanOrEqualTo(3)
                .allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(ChangeFeed.BATCH));
        assertThat(imported(batches))
                .as("each serial once, in the order of the batches")
                .doesNotHaveDuplicates();
    }

    @Test
    void aBulkChange_isReconciledOnTheFeedsOwnConnection_whileEveryPooledConnectionIsTaken() throws Exception {
        List<List<StatusChange>> batches = Collections.synchronizedList(new ArrayList<>());
        try (PostgresStore onePooled =
                        PostgresStore.open(StoreTests.config(db).withPoolSize(1).withApplicationName("one-pooled"));
                StatusFeed.Subscription batched = onePooled.subscribeBatches(batches::add)) {
            Await.until(PATIENCE, "the feed listens", onePooled::listening);
            try (java.sql.Connection taken = onePooled.pool().getConnection()) {
                importValid(960_000, 1500); // more than 1,000 rows: one 'reconcile' notification

                Await.until(
                        PATIENCE,
                        "the bulk change delivered while the pool is exhausted",
                        () -> countIn(batches, 960_000, 961_500) == 1500);
            }
            assertThat(sessionsNamed(onePooled.config().reconcileApplicationName()))
                    .as("the feed's reconcile connection, beside its listener's")
                    .isEqualTo(1);
        }
    }

    /**
     * A revocation committed while the feed reconciles a bulk change is delivered before that
     * reconcile ends, not behind its 20 batches; and a row both changed is left as the later change
     * made it, not as the bulk's older read of it.
     */
    @Test
    void aChangeCommittedDuringABulkReconcile_isDeliveredBeforeItEnds_andTheBulksOlderReadOfItsRowIsNot()
            throws Exception {
        long first = 970_000;
        int count = 20_000;
        BigInteger late = importedWithOneMore(first, count);
        List<StatusChange> arrived = Collections.synchronizedList(new ArrayList<>());
        BigInteger[] changedAgain = new BigInteger[1];
        try (java.sql.Connection listening = db.connect();
                java.sql.Connection writer = db.connect();
                StatusFeed.Subscription batched = store.subscribeBatches(batch -> {
                    arrived.addAll(batch);
                    if (changedAgain[0] == null && batch.stream().anyMatch(c -> inBulk(c, first, count))) {
                        // the bulk's first batch, on the feed thread: commit two changes meanwhile
                        java.util.Set<BigInteger> read = new java.util.HashSet<>();
                        batch.forEach(c -> read.add(c.serial()));
                        BigInteger unread = BigInteger.valueOf(first); // a bulk row of a later batch
                        while (read.contains(unread)) {
                            unread = unread.add(BigInteger.ONE);
                        }
                        changedAgain[0] = unread;
                        commitDuringTheBulk(listening, writer, changedAgain[0], late);
                    }
                })) {
            try (java.sql.Statement s = listening.createStatement()) {
                s.execute("LISTEN " + ChangeFeed.CHANNEL);
            }
            revokeInOneUpdate(first, count);
            Await.until(PATIENCE, "the bulk delivered", () -> countRevoked(arrived, first, count) == count);
        }
        List<StatusChange> all = List.copyOf(arrived);
        int lastOfTheBulk =
                lastIndexOf(all, c -> inBulk(c, first, count) && !c.serial().equals(changedAgain[0]));
        int lateRevocation = lastIndexOf(all, c -> c.serial().equals(late) && c.status() instanceof CertStatus.Revoked);
        int supersede =
                lastIndexOf(all, c -> c.serial().equals(changedAgain[0]) && reason(c) == RevocationReason.SUPERSEDED);
        assertThat(lateRevocation)
                .as("the late revocation delivered before the bulk's last batch")
                .isBetween(0, lastOfTheBulk);
        assertThat(supersede)
                .as("the later change of a bulk row delivered before the bulk's last batch")
                .isBetween(0, lastOfTheBulk);
        assertThat(all.subList(supersede + 1, all.size()))
                .as("no older state of %s after its later change", changedAgain[0])
                .noneMatch(c -> c.serial().equals(changedAgain[0]));
    }

    @Test
    void theListenerLostDuringABulkReconcile_theBulkIsStillDelivered_andWhatWasCommittedMeanwhileArrives()
            throws Exception {
        long first = 1_000_000;
        int count = 5_000;
        BigInteger late = importedWithOneMore(first, count);
        int[] killed = {-1};
        try (StatusFeed.Subscription batched = store.subscribeBatches(batch -> {
            if (killed[0] < 0 && batch.stream().anyMatch(c -> inBulk(c, first, count))) {
                // the bulk's first batch, on the feed thread: the listener goes, a revocation comes
                killed[0] = db.server().terminateSessions(store.config().listenerApplicationName());
                store.admin().revoke("feed-ca", late, Revocation.because(RevocationReason.KEY_COMPROMISE));
            }
        })) {
            revokeInOneUpdate(first, count);

            Await.until(PATIENCE, "the bulk delivered", () -> countRevoked(recorder.changes(), first, count) == count);
            assertThat(killed[0])
                    .as("the listener's session, killed during the bulk")
                    .isEqualTo(1);
            assertThat(recorder.await(late, c -> c.status() instanceof CertStatus.Revoked, PATIENCE))
                    .as("the revocation committed meanwhile")
                    .isNotNull();
            Await.until(PATIENCE, "the listener reconnects", store::listening);
        }
    }

    /**
     * Imports {@code count} valid certificates from serial {@code first} on (3-octet serials) and
     * one more alone; returns the one more's serial once the feed delivered them all.
     */
    private BigInteger importedWithOneMore(long first, int count) throws Exception {
        importValid(first, count);
        BigInteger late = newCertificate();
        Await.until(
                PATIENCE,
                "the import and the late serial delivered",
                () -> recorder.changes().size() >= count + 1);
        return late;
    }

    /** Revokes the {@code count} 3-octet serials from {@code first} on in one UPDATE: one 'reconcile' notification. */
    private static void revokeInOneUpdate(long first, int count) {
        StoreTests.sql(
                db,
                "UPDATE certificates SET status = 'revoked', revoked_at = now(), reason = 1 WHERE"
                        + " octet_length(serial) = 3 AND serial >= " + StoreTests.bytea(BigInteger.valueOf(first))
                        + " AND serial < " + StoreTests.bytea(BigInteger.valueOf(first + count)));
    }

    /** Revokes {@code late} and supersedes {@code again} in one transaction; returns once a listener of the test has both notifications. */
    private static void commitDuringTheBulk(
            java.sql.Connection listening, java.sql.Connection writer, BigInteger again, BigInteger late) {
        try (java.sql.Statement s = writer.createStatement()) {
            writer.setAutoCommit(false);
            s.execute("UPDATE certificates SET status = 'revoked', revoked_at = now(), reason = 4 WHERE serial = "
                    + StoreTests.bytea(again));
            s.execute("UPDATE certificates SET status = 'revoked', revoked_at = now(), reason = 1 WHERE serial = "
                    + StoreTests.bytea(late));
            writer.commit();
            int received = 0;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (received < 2 && System.nanoTime() < deadline) {
                org.postgresql.PGNotification[] notes =
                        listening.unwrap(org.postgresql.PGConnection.class).getNotifications(100);
                received += notes == null ? 0 : notes.length;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean inBulk(StatusChange c, long first, int count) {
        return c.status() instanceof CertStatus.Revoked
                && c.serial().compareTo(BigInteger.valueOf(first)) >= 0
                && c.serial().compareTo(BigInteger.valueOf(first + count)) < 0;
    }

    private static long countRevoked(List<StatusChange> arrived, long first, int count) {
        synchronized (arrived) {
            return arrived.stream()
                    .filter(c -> inBulk(c, first, count))
                    .map(StatusChange::serial)
                    .distinct()
                    .count();
        }
    }

    private static int lastIndexOf(List<StatusChange> changes, java.util.function.Predicate<StatusChange> which) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (which.test(changes.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static RevocationReason reason(StatusChange c) {
        return c.status() instanceof CertStatus.Revoked r ? r.reason().orElse(null) : null;
    }

    private static int sessionsNamed(String applicationName) throws java.sql.SQLException {
        try (java.sql.Connection c = db.connect();
                java.sql.PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static long countIn(List<List<StatusChange>> batches, long from, long to) {
        synchronized (batches) {
            return batches.stream()
                    .flatMap(List::stream)
                    .filter(c -> c.serial().compareTo(BigInteger.valueOf(from)) >= 0
                            && c.serial().compareTo(BigInteger.valueOf(to)) < 0)
                    .map(StatusChange::serial)
                    .distinct()
                    .count();
        }
    }

    /** Imports {@code count} valid certificates from serial {@code first} on, in one transaction. */
    private static void importValid(long first, int count) {
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < count; i++) {
            index.append("V\t301231235959Z\t\t")
                    .append(SerialNumbers.hex(BigInteger.valueOf(first + i)))
                    .append("\tunknown\t/CN=bulk ")
                    .append(i)
                    .append('\n');
        }
        store.admin().importIndexTxt("feed-ca", new StringReader(index.toString()), "bulk index.txt");
    }

    private static boolean isBatchImport(StatusChange c) {
        return c.serial().compareTo(BigInteger.valueOf(950_000)) >= 0
                && c.serial().compareTo(BigInteger.valueOf(952_500)) < 0;
    }

    private static List<BigInteger> imported(List<List<StatusChange>> batches) {
        synchronized (batches) {
            return batches.stream()
                    .flatMap(List::stream)
                    .filter(ChangeFeedTest::isBatchImport)
                    .map(StatusChange::serial)
                    .toList();
        }
    }
}
