package corp.example.ocsp.store.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL certdb in CFSSL 1.2's shape (every AKI ''), named by a libpq key=value data_source;
 * and what a lookup does while the database refuses connections, and after.
 */
class Postgres12CertdbTest extends CertdbContract {
    private static final Logger LOG = LoggerFactory.getLogger(Postgres12CertdbTest.class);

    @TempDir
    static Path dir;

    static TestDatabase db;
    static Certdb certdb;

    @BeforeAll
    static void create() throws Exception {
        db = PostgresFixture.newDatabase();
        try (Connection c = PostgresCertdbTest.writer(db)) {
            CertdbTables.create(c, CertdbTables.POSTGRES_1_2);
        }
        certdb = Certdb.open(DbConfig.read(PostgresCertdbTest.config(dir, db, false)), timeout(), 2);
    }

    @AfterAll
    static void close() {
        certdb.close();
        db.close();
    }

    @Override
    Connection writer() throws Exception {
        return PostgresCertdbTest.writer(db);
    }

    @Override
    Certdb certdb() {
        return certdb;
    }

    @Override
    boolean recordsAki() {
        return false;
    }

    @Test
    void unreachableCertdb_throwsUnavailable_andAnswersAgainWhenBack() throws Exception {
        CertBundle leaf = issue();
        db.allowConnections(false);
        try {
            db.server().terminateSessions("ocsp-responder (cfssl certdb)");
            assertThatThrownBy(() -> certdb.lookup(ISSUER, leaf.serial()))
                    .isInstanceOf(StatusUnavailableException.class)
                    .hasMessageContaining("CFSSL certdb postgres")
                    .hasMessageContaining("password=***")
                    .hasMessageNotContaining("password='");
            assertThatThrownBy(certdb::check).isInstanceOf(StatusUnavailableException.class);
            // after a failed lookup the others fail at once (no signing thread waits for the timeout)
            Await.until(Duration.ofSeconds(10), "a lookup refused at once by the closed outage gate", () -> {
                try {
                    certdb.lookup(ISSUER, leaf.serial());
                    return false;
                } catch (StatusUnavailableException e) {
                    return e.getMessage().contains("unavailable")
                            && e.getMessage().contains("checked again every 500 ms in the background");
                }
            });
        } finally {
            db.allowConnections(true);
        }
        Duration took = Await.until(Duration.ofSeconds(30), "the certdb answers again", () -> {
            try {
                return certdb.lookup(ISSUER, leaf.serial()).equals(CertStatus.good());
            } catch (StatusUnavailableException e) {
                return false;
            }
        });
        LOG.info("certdb answered again {} ms after connections were allowed", took.toMillis());
        assertThat(certdb.lookup(ISSUER, leaf.serial())).isEqualTo(CertStatus.good());
    }
}
