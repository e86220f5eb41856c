package corp.example.ocsp.store.postgres;

import corp.example.ocsp.testing.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Shared set-up of the store tests. */
final class StoreTests {
    private StoreTests() {}

    static PostgresStoreConfig config(TestDatabase db) {
        return PostgresStoreConfig.of(db.jdbcUrl(), db.user(), db.password())
                .withApplicationName("ocsp-test-" + db.name())
                .withReconcilePeriod(Duration.ofMillis(500))
                .withListenerBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** A migrated store on {@code db}. */
    static PostgresStore migratedStore(TestDatabase db) {
        PostgresStore store = PostgresStore.open(config(db));
        store.migrate();
        return store;
    }

    /** The SQL literal of {@code serial} as stored. */
    static String bytea(java.math.BigInteger serial) {
        return "'\\x" + java.util.HexFormat.of().formatHex(serial.toByteArray()) + "'";
    }

    static void sql(TestDatabase db, String sql) {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(TestDatabase db, String sql) {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
