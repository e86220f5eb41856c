package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.testing.Await;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store's change log, from which a response store catches up after a restart. */
class ChangeLogTest extends OneIssuerStoreTest {

    @BeforeAll
    static void setUp() {
        open("log-ca", "Change Log CA");
    }

    private static BigInteger serial(int n) {
        return BigInteger.valueOf(n);
    }

    private static void add(int... serials) {
        List<org.bouncycastle.cert.X509CertificateHolder> leaves = new ArrayList<>();
        for (int s : serials) {
            leaves.add(TestCerts.leaf(ca, serial(s)));
        }
        store.admin().addCertificates("log-ca", leaves);
    }

    private static void delete(int serial) {
        StoreTests.sql(db, "DELETE FROM certificates WHERE serial = " + StoreTests.bytea(serial(serial)));
    }

    private static List<KnownCertificate> since(long position, long[] next) {
        List<KnownCertificate> out = new ArrayList<>();
        next[0] = store.changedSince(position, out::add).orElseThrow();
        return out;
    }

    @Test
    void changedSince_passesWhatWasWrittenSince_asItIsNow_withDeletionsAsNotKnown_andNothingOlder() {
        add(1, 2, 3, 4);
        long[] next = new long[1];
        since(Long.MAX_VALUE, next); // only the current position
        long start = next[0];

        add(5);
        store.admin().revoke("log-ca", serial(2), Revocation.because(RevocationReason.KEY_COMPROMISE));
        delete(3);
        delete(4);
        add(4); // deleted and issued again: passed once, as it is now

        List<KnownCertificate> changed = since(start, next);
        assertThat(changed)
                .extracting(KnownCertificate::serial)
                .containsExactlyInAnyOrder(serial(5), serial(2), serial(3), serial(4));
        assertThat(changed)
                .filteredOn(c -> c.serial().equals(serial(2)))
                .singleElement()
                .satisfies(c -> assertThat(((CertStatus.Revoked) c.status()).reason())
                        .contains(RevocationReason.KEY_COMPROMISE));
        assertThat(changed)
                .filteredOn(c -> c.serial().equals(serial(3)))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(CertStatus.notKnown());
                    assertThat(c.notAfter()).isEmpty();
                });
        assertThat(changed)
                .filteredOn(c -> c.serial().equals(serial(4)))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(CertStatus.good());
                    assertThat(c.notAfter()).as("the certificate's expiry").isPresent();
                });
        assertThat(changed).noneMatch(c -> c.serial().equals(serial(1)));

        assertThat(since(next[0], next))
                .as("nothing since the position returned")
                .isEmpty();
    }

    @Test
    void changedSince_passesATransactionThatCommitsAfterTheCall_onTheNextCall() throws Exception {
        long[] next = new long[1];
        since(Long.MAX_VALUE, next);
        try (Connection slow = db.connect()) {
            slow.setAutoCommit(false);
            try (Statement s = slow.createStatement()) {
                s.execute("INSERT INTO certificates (issuer_id, serial, status) SELECT id, "
                        + StoreTests.bytea(serial(40)) + ", 'good' FROM issuers WHERE label = 'log-ca'");
            }
            add(41);
            assertThat(since(next[0], next))
                    .extracting(KnownCertificate::serial)
                    .containsExactly(serial(41));
            slow.commit();
        }
        assertThat(since(next[0], next))
                .as("its transaction id is past the position the first call returned (41 may come again: the"
                        + " open transaction held the position back)")
                .extracting(KnownCertificate::serial)
                .contains(serial(40));
    }

    @Test
    void delivered_isAPositionBelowWhichEveryChangeReachedTheSubscribers() throws Exception {
        Recorder recorder = new Recorder();
        StatusFeed.Subscription sub = store.subscribe(recorder);
        try {
            Await.until(
                    Duration.ofSeconds(15),
                    "the feed's first reconcile",
                    () -> store.delivered().isPresent());
            add(60);
            long xid = StoreTests.count(
                    db,
                    "SELECT change_xid::text::bigint FROM certificates WHERE serial = " + StoreTests.bytea(serial(60)));
            Await.until(
                    Duration.ofSeconds(15),
                    "delivered past the insert",
                    () -> store.delivered().getAsLong() > xid);
            assertThat(recorder.await(serial(60), c -> c.status().equals(CertStatus.good()), Duration.ZERO))
                    .as("already delivered when the position passed it")
                    .isNotNull();
        } finally {
            sub.close();
        }
    }
}
