package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.FeedState;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several hosts in {@code database.url} (pgjdbc multi-host), and what the feed says of a standby.
 * A real primary and standby, a promotion and the feed resuming on the new primary are run by
 * {@code scripts/failover}.
 */
class MultiHostTest {
    static TestDatabase db;
    static TestCerts.Ca ca;
    static Issuer issuer;

    @BeforeAll
    static void setUp() {
        db = PostgresFixture.newDatabase();
        ca = TestCerts.ca("Multi-host CA");
        issuer = Issuer.of("multi-host-ca", ca.cert());
        try (PostgresStore store = StoreTests.migratedStore(db)) {
            store.admin().registerIssuer("multi-host-ca", ca.cert());
            store.admin().addCertificates("multi-host-ca", List.of(TestCerts.leaf(ca, BigInteger.ONE)));
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** The test database's URL with a host where nothing listens put first. */
    private static String deadHostFirst(String parameters) throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        String url = db.jdbcUrl();
        String rest = url.substring("jdbc:postgresql://".length());
        return "jdbc:postgresql://127.0.0.1:" + dead + "," + rest + (rest.contains("?") ? "&" : "?") + parameters;
    }

    @Test
    void urlWithADeadHostFirst_andTargetServerTypePrimary_readsAndListensOnTheLiveOne() throws Exception {
        PostgresStoreConfig base = StoreTests.config(db);
        PostgresStoreConfig config = new PostgresStoreConfig(
                deadHostFirst("targetServerType=primary"),
                base.user(),
                base.password(),
                base.poolSize(),
                base.connectionTimeout(),
                base.statementTimeout(),
                base.reconcilePeriod(),
                base.listenerBackoffMin(),
                base.listenerBackoffMax(),
                base.applicationName());
        assertThat(config.hosts()).hasSize(2);
        assertThat(config.multiHostWarning()).isEmpty();
        try (PostgresStore store = PostgresStore.open(config)) {
            assertThat(store.lookup(issuer, BigInteger.ONE)).isEqualTo(CertStatus.good());
            Recorder recorder = new Recorder();
            StatusFeed.Subscription sub = store.subscribe(recorder);
            Await.until(Duration.ofSeconds(10), "the feed listens", store::listening);
            FeedState state = store.state().orElseThrow();
            assertThat(state.pushed()).isTrue();

            store.admin().revoke("multi-host-ca", BigInteger.ONE, Revocation.because(RevocationReason.SUPERSEDED));
            assertThat(recorder.await(
                            BigInteger.ONE, c -> c.status() instanceof CertStatus.Revoked, Duration.ofSeconds(10)))
                    .isNotNull();
            sub.close();
        }
    }

    @Test
    void severalHostsWithoutTargetServerType_areWarnedAbout_namingTheSetting() {
        PostgresStoreConfig config =
                PostgresStoreConfig.of("jdbc:postgresql://db1:5432,db2:5433/ocsp?ssl=true", "u", null);
        assertThat(config.hosts()).containsExactly("db1:5432", "db2:5433");
        assertThat(config.targetServerType()).isEqualTo("any");
        assertThat(config.multiHostWarning())
                .hasValueSatisfying(w -> assertThat(w)
                        .startsWith("database.url names 2 hosts [db1:5432, db2:5433] without targetServerType")
                        .endsWith("add targetServerType=primary to the URL to follow the primary"));

        assertThat(PostgresStoreConfig.of("jdbc:postgresql://u:p@db1,db2/ocsp?targetServerType=primary", "u", null)
                        .targetServerType())
                .isEqualTo("primary");
        assertThat(PostgresStoreConfig.of("jdbc:postgresql://db1/ocsp", "u", null)
                        .multiHostWarning())
                .isEmpty();
        assertThat(PostgresStoreConfig.of("jdbc:postgresql:ocsp", "u", null).hosts())
                .containsExactly("localhost");
    }

    @Test
    void listenRefusedByAStandby_isSaidInOneLine_namingTheReconcilePeriodAndTheFix() {
        PostgresStoreConfig config = PostgresStoreConfig.of("jdbc:postgresql://standby:5432/ocsp", "u", null);
        SQLException refusal = new SQLException("ERROR: cannot execute LISTEN during recovery", "25006");

        assertThat(FeedListener.standbyRefusal(refusal, config))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith(
                                "jdbc:postgresql://standby:5432/ocsp is a standby (in recovery), which cannot LISTEN")
                        .contains("every 2000 ms (database.reconcilePeriod)")
                        .contains("targetServerType=primary")
                        .doesNotContain("\n"));
        assertThat(FeedListener.standbyRefusal(new SQLException("Connection refused", "08001"), config))
                .isEmpty();
    }
}
