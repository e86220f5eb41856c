package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The readiness probe's check: cheap, independent of the tables' size, fast when the database is gone. */
class ReachabilityTest {
    static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresFixture.newDatabase();
        try (PostgresStore store = StoreTests.migratedStore(db)) {
            store.admin().registerIssuer("reach-ca", TestCerts.ca("Reach CA").cert());
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void check_readsNoTable_soItPassesWhileTheCertificatesAreLockedAndCountingThemTimesOut() throws Exception {
        PostgresStoreConfig config = StoreTests.config(db).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
        try (PostgresStore store = PostgresStore.open(config);
                Connection locker = db.connect();
                Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            st.execute("LOCK TABLE certificates IN ACCESS EXCLUSIVE MODE");

            store.check();
            // what readiness used to run: a count over the certificates, which waits for the lock
            assertThatThrownBy(store::issuers).isInstanceOf(StoreException.class);
            locker.rollback();
        }
    }

    @Test
    void check_whenNothingListens_throwsUnavailableNamingTheDatabase() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/ocsp";
        PostgresStoreConfig config =
                PostgresStoreConfig.of(url, "ocsp", null).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500));
        try (PostgresStore store = PostgresStore.open(config)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(store::check)
                    .isInstanceOf(StatusUnavailableException.class)
                    .hasMessageStartingWith("cannot reach " + url + ": ");
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("not a hang")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }
}
