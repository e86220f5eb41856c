package corp.example.ocsp.store.cfssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite certdb in CFSSL 1.5's shape (blob columns, AKIs recorded), opened read-only. */
class SqliteCertdbTest extends CertdbContract {
    @TempDir
    static Path dir;

    static Path file;
    static Certdb certdb;

    @BeforeAll
    static void create() throws Exception {
        file = dir.resolve("certs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            CertdbTables.create(c, CertdbTables.SQLITE_1_5);
        }
        Path config = Files.writeString(
                dir.resolve("db-config.json"), "{\"driver\":\"sqlite3\",\"data_source\":\"" + file + "\"}");
        certdb = Certdb.open(DbConfig.read(config), timeout(), 2);
    }

    @AfterAll
    static void close() {
        certdb.close();
    }

    @Override
    Connection writer() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
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
