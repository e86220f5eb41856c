package corp.example.ocsp.store.cfssl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.testing.MariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A MariaDB certdb in CFSSL's MySQL shape (varbinary columns, zero dates), named by a Go MySQL DSN. */
class MariaDbCertdbTest extends CertdbContract {
    @TempDir
    static Path dir;

    static String database;
    static Certdb certdb;

    @BeforeAll
    static void create() throws Exception {
        assumeTrue(
                MariaDb.unavailableBecause().isEmpty(),
                "NOT RUN: " + MariaDb.unavailableBecause().orElse(""));
        database = MariaDb.newDatabase();
        try (Connection c = writer(database)) {
            CertdbTables.create(c, CertdbTables.MYSQL_1_5);
        }
        Path config = Files.writeString(
                dir.resolve("db-config.json"),
                "{\"driver\":\"mysql\",\"data_source\":\"" + MariaDb.USER + ":" + MariaDb.PASSWORD + "@tcp(127.0.0.1:"
                        + MariaDb.port() + ")/" + database + "?parseTime=true\"}");
        certdb = Certdb.open(DbConfig.read(config), timeout(), 2);
    }

    /** Writes as go-sql-driver/mysql does: text parameters, autocommit. */
    static Connection writer(String database) throws Exception {
        return DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + MariaDb.port() + "/" + database, MariaDb.USER, MariaDb.PASSWORD);
    }

    @AfterAll
    static void close() {
        if (certdb != null) {
            certdb.close();
        }
    }

    @Override
    Connection writer() throws Exception {
        return writer(database);
    }

    @Override
    Certdb certdb() {
        return certdb;
    }

    @Override
    boolean recordsAki() {
        return true;
    }

    @Override
    CertdbTables.Times times() {
        return CertdbTables.Times.MYSQL;
    }
}
