package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    static TestDatabase db;
    static PostgresStore store;
    static TestCerts.Ca ca;
    static long issuerId;

    @BeforeAll
    static void setUp() {
        db = PostgresFixture.newDatabase();
        store = StoreTests.migratedStore(db);
        ca = TestCerts.ca("Reconcile CA");
        store.admin().registerIssuer("reconcile-ca", ca.cert());
        issuerId = StoreTests.count(db, "SELECT id FROM issuers WHERE label = 'reconcile-ca'");
    }

    @AfterAll
    static void tearDown() {
        store.close();
        db.close();
    }

    /** What one poll passes on, in order; its count is checked against what it returns. */
    private static List<RowChange> polled(Reconciler reconciler, Connection c) throws SQLException {
        List<RowChange> out = new ArrayList<>();
        int passed = reconciler.poll(c, out::add);
        assertThat(passed).isEqualTo(out.size());
        return out;
    }

    private static String insert(long serial) {
        return "INSERT INTO certificates (issuer_id, serial, status) VALUES (" + issuerId + ", "
                + StoreTests.bytea(BigInteger.valueOf(serial)) + ", 'good')";
    }

    /**
     * The case a time watermark misses: a transaction writes first (older updated_at) and commits
     * after a later one was already reconciled.
     */
    @Test
    void poll_deliversATransactionThatCommitsAfterALaterOneWasSeen() throws Exception {
        Reconciler reconciler = new Reconciler();
        try (Connection reader = db.connect();
                Connection slow = db.connect();
                Connection fast = db.connect()) {
            reconciler.start(reader);
            slow.setAutoCommit(false);
            try (Statement s = slow.createStatement()) {
                s.execute(insert(1));
            }
            try (Statement s = fast.createStatement()) {
                s.execute(insert(2));
            }

            assertThat(polled(reconciler, reader)).extracting(RowChange::serial).containsExactly(BigInteger.TWO);

            slow.commit();

            assertThat(polled(reconciler, reader)).extracting(RowChange::serial).containsExactly(BigInteger.ONE);
            assertThat(polled(reconciler, reader)).isEmpty();
        }
    }

    @Test
    void poll_deliversADeletionAsNotKnown() throws Exception {
        Reconciler reconciler = new Reconciler();
        try (Connection reader = db.connect()) {
            StoreTests.sql(db, insert(10));
            reconciler.start(reader);

            StoreTests.sql(db, "DELETE FROM certificates WHERE serial = " + StoreTests.bytea(BigInteger.TEN));

            assertThat(polled(reconciler, reader)).singleElement().satisfies(c -> {
                assertThat(c.serial()).isEqualTo(BigInteger.TEN);
                assertThat(c.status()).isEqualTo(CertStatus.notKnown());
            });
        }
    }

    @Test
    void poll_deliversEachWriteOnceWhileAnOldTransactionHoldsTheWatermarkBack() throws Exception {
        Reconciler reconciler = new Reconciler();
        try (Connection reader = db.connect();
                Connection idle = db.connect()) {
            reconciler.start(reader);
            idle.setAutoCommit(false);
            try (Statement s = idle.createStatement()) {
                s.execute(insert(20)); // holds xmin back until it ends
            }
            StoreTests.sql(db, insert(21));

            assertThat(polled(reconciler, reader))
                    .extracting(RowChange::serial)
                    .containsExactly(BigInteger.valueOf(21));
            assertThat(polled(reconciler, reader)).isEmpty();

            StoreTests.sql(
                    db,
                    "UPDATE certificates SET status = 'revoked', revoked_at = now(), reason = 1 WHERE serial = "
                            + StoreTests.bytea(BigInteger.valueOf(21)));
            assertThat(polled(reconciler, reader))
                    .singleElement()
                    .satisfies(c -> assertThat(c.status()).isInstanceOf(CertStatus.Revoked.class));
            idle.rollback();
        }
    }

    @Test
    void feedWithoutListen_deliversThroughTheReconcileAlone() throws Exception {
        try (PostgresStore reconcileOnly =
                PostgresStore.openWithoutListen(StoreTests.config(db).withApplicationName("reconcile-only"))) {
            Recorder recorder = new Recorder();
            StatusFeed.Subscription sub = reconcileOnly.subscribe(recorder);
            // the feed sets its watermark on its first run: changes from then on are delivered
            Await.until(Duration.ofSeconds(10), "the feed's first reconcile", () -> reconcileOnly.reconciles() > 0);
            BigInteger serial = BigInteger.valueOf(30);
            store.admin().addCertificates("reconcile-ca", List.of(TestCerts.leaf(ca, serial)));
            store.admin().revoke("reconcile-ca", serial, Revocation.because(RevocationReason.AFFILIATION_CHANGED));

            assertThat(recorder.await(serial, c -> c.status() instanceof CertStatus.Revoked, Duration.ofSeconds(15)))
                    .isNotNull();
            assertThat(reconcileOnly.listening()).isFalse();
            sub.close();
        }
    }
}
