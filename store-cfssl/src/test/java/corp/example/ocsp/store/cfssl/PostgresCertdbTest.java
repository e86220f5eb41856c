package corp.example.ocsp.store.cfssl;

import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL certdb in CFSSL 1.5's shape (bytea columns, AKIs recorded), named by a postgres:// URL. */
class PostgresCertdbTest extends CertdbContract {
    @TempDir
    static Path dir;

    static TestDatabase db;
    static Certdb certdb;

    @BeforeAll
    static void create() throws Exception {
        db = PostgresFixture.newDatabase();
        try (Connection c = writer(db)) {
            CertdbTables.create(c, CertdbTables.POSTGRES_1_5);
        }
        certdb = Certdb.open(DbConfig.read(config(dir, db, true)), timeout(), 2);
    }

    /** A db-config naming {@code db}, as a URL or as libpq key=value pairs. */
    static Path config(Path dir, TestDatabase db, boolean url) throws Exception {
        String pw = db.password() == null ? "" : db.password();
        String dsn = url
                ? "postgres://" + db.user() + ":" + pw + "@" + db.server().host() + ":"
                        + db.server().port() + "/" + db.name() + "?sslmode=disable"
                : "host=" + db.server().host() + " port=" + db.server().port() + " user=" + db.user() + " password='"
                        + pw + "' dbname=" + db.name() + " sslmode=disable";
        return Files.writeString(
                dir.resolve("db-config-" + db.name() + ".json"),
                "{\"driver\":\"postgres\",\"data_source\":\"" + dsn + "\"}");
    }

    /** Writes as lib/pq does: text parameters the server converts to bytea. */
    static Connection writer(TestDatabase db) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        p.setProperty("stringtype", "unspecified");
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    @AfterAll
    static void close() {
        certdb.close();
        db.close();
    }

    @Override
    Connection writer() throws Exception {
        return writer(db);
    }

    @Override
    Certdb certdb() {
        return certdb;
    }

    @Override
    boolean recordsAki() {
        return true;
    }
}
