package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.StringReader;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grants of the module README are enough, the responder's role cannot write, and neither it
 * nor the admin's can change or delete the audit trail.
 */
class DatabaseRolesTest {
    static TestDatabase db;
    static String responder;
    static String admin;

    @BeforeAll
    static void setUp() {
        db = PostgresFixture.newDatabase();
        StoreTests.migratedStore(db).close(); // as the owner
        // roles belong to the server, not the database: name them after the database
        responder = db.name() + "_responder";
        admin = db.name() + "_admin";
        for (String sql : List.of(
                "CREATE ROLE " + responder + " LOGIN PASSWORD 'r'",
                "CREATE ROLE " + admin + " LOGIN PASSWORD 'a'",
                "GRANT CONNECT ON DATABASE " + db.name() + " TO " + responder + ", " + admin,
                "GRANT USAGE ON SCHEMA public TO " + responder + ", " + admin,
                "GRANT SELECT ON issuers, certificates, certificate_deletions TO " + responder,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON issuers, certificates, certificate_deletions TO " + admin,
                "GRANT SELECT, INSERT ON audit_log TO " + admin,
                "GRANT TEMPORARY ON DATABASE " + db.name() + " TO " + admin)) {
            StoreTests.sql(db, sql);
        }
    }

    @AfterAll
    static void tearDown() {
        StoreTests.sql(db, "DROP OWNED BY " + responder + ", " + admin);
        StoreTests.sql(db, "DROP ROLE " + responder + ", " + admin);
        db.close();
    }

    private static PostgresStoreConfig as(String role, String password) {
        return PostgresStoreConfig.of(db.jdbcUrl(), role, password)
                .withApplicationName(role)
                .withReconcilePeriod(Duration.ofMillis(500));
    }

    @Test
    void documentedGrants_letTheAdminWriteAndTheResponderReadAndListen() throws Exception {
        TestCerts.Ca ca = TestCerts.ca("Roles CA");
        Issuer issuer = Issuer.of("roles-ca", ca.cert());
        try (PostgresStore adminStore = PostgresStore.open(as(admin, "a"));
                PostgresStore responderStore = PostgresStore.open(as(responder, "r"))) {
            Recorder recorder = new Recorder();
            responderStore.subscribe(recorder);
            Await.until(Duration.ofSeconds(5), "the responder listens", responderStore::listening);

            adminStore.admin().registerIssuer("roles-ca", ca.cert());
            adminStore.admin().addCertificates("roles-ca", List.of(TestCerts.leaf(ca, BigInteger.ONE)));
            adminStore
                    .admin()
                    .importIndexTxt(
                            "roles-ca", new StringReader("V\t301231235959Z\t\t02\tunknown\t/CN=two\n"), "index.txt");
            adminStore.admin().revoke("roles-ca", BigInteger.TWO, Revocation.because(RevocationReason.KEY_COMPROMISE));

            assertThat(responderStore.lookup(issuer, BigInteger.ONE)).isEqualTo(CertStatus.good());
            assertThat(recorder.await(
                            BigInteger.TWO, c -> c.status() instanceof CertStatus.Revoked, Duration.ofSeconds(5)))
                    .isNotNull();
            assertThatThrownBy(
                            () -> responderStore.admin().revoke("roles-ca", BigInteger.ONE, Revocation.withoutReason()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("permission denied for table certificates");
        }
    }

    @Test
    void auditTrail_isWrittenByTheAdminsWrites_andNeitherRoleCanChangeOrDeleteIt() throws Exception {
        TestCerts.Ca ca = TestCerts.ca("Audit Roles CA");
        try (PostgresStore adminStore = PostgresStore.open(as(admin, "a"))) {
            adminStore.admin().registerIssuer("audit-roles-ca", ca.cert());
            assertThat(adminStore.admin().auditTrail(Optional.empty(), Optional.empty()))
                    .filteredOn(r -> r.issuer().equals(Optional.of("audit-roles-ca")))
                    .singleElement()
                    .satisfies(r -> assertThat(r.dbUser()).isEqualTo(admin));
        }
        for (String role : List.of(responder, admin)) {
            String password = role.equals(admin) ? "a" : "r";
            for (String sql :
                    List.of("UPDATE audit_log SET detail = 'forged'", "DELETE FROM audit_log", "TRUNCATE audit_log")) {
                assertThatThrownBy(() -> runAs(role, password, sql))
                        .as(role + ": " + sql)
                        .hasMessageContaining("permission denied for table audit_log");
            }
        }
        assertThatThrownBy(
                        () -> runAs(
                                responder,
                                "r",
                                "INSERT INTO audit_log (command, outcome, os_user, host, pid) VALUES ('revoke', 'ok', 'x', 'x', 1)"))
                .hasMessageContaining("permission denied for table audit_log");
        assertThat(StoreTests.count(db, "SELECT count(*) FROM audit_log WHERE detail = 'forged'"))
                .isZero();
    }

    private static void runAs(String role, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), role, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
