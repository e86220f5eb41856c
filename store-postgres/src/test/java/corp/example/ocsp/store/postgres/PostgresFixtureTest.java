package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The fixture the store tests stand on (its own module has no database tests). */
class PostgresFixtureTest {

    @Test
    void newDatabase_isFreshAndSeparateFromTheOthers() {
        try (TestDatabase a = PostgresFixture.newDatabase();
                TestDatabase b = PostgresFixture.newDatabase()) {
            StoreTests.sql(a, "CREATE TABLE only_in_a (x int)");

            assertThat(a.name()).isNotEqualTo(b.name()).startsWith("test_");
            assertThat(StoreTests.count(b, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'"))
                    .isZero();
            assertThat(StoreTests.count(a, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'"))
                    .isOne();
        }
    }

    @Test
    void terminateSessions_killsTheSessionsWithThatApplicationName() throws Exception {
        try (TestDatabase db = PostgresFixture.newDatabase();
                Connection c = db.connect()) {
            c.createStatement().execute("SET application_name = 'fixture-victim'");

            assertThat(db.server().terminateSessions("fixture-victim")).isEqualTo(1);
            assertThat(c.isValid(2)).isFalse();
        }
    }

    @Test
    void dataSource_connectsToTheTestDatabase() throws Exception {
        try (TestDatabase db = PostgresFixture.newDatabase();
                Connection c = db.dataSource().getConnection()) {
            assertThat(c.getCatalog()).isEqualTo(db.name());
        }
    }
}
