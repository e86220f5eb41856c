package corp.example.ocsp.store.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.pki.CertBundle;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite certdb in CFSSL 1.2's shape: bytea columns (NUMERIC affinity, so long serials are stored
 * as REAL numbers that lose digits) and every AKI ''. Also: a certdb file that is missing, then
 * there; one the responder may only read.
 */
class Sqlite12CertdbTest extends CertdbContract {
    /** 2^100 and 2^100 + 1: the same REAL number, different serials. */
    private static final BigInteger COLLIDING = BigInteger.TWO.pow(100);

    @TempDir
    static Path dir;

    static Path file;
    static Certdb certdb;

    @BeforeAll
    static void create() throws Exception {
        file = dir.resolve("certs-1.2.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            CertdbTables.create(c, CertdbTables.SQLITE_1_2);
        }
        certdb = open(file);
    }

    static Certdb open(Path db) throws Exception {
        Path config = Files.writeString(
                dir.resolve(db.getFileName() + ".json"), "{\"Driver\":\"sqlite3\",\"Data_Source\":\"" + db + "\"}");
        return Certdb.open(DbConfig.read(config), timeout(), 2);
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
        return false;
    }

    @Test
    void realSerialSchema_aSerialWhoseRealNumberMatchesAnotherRow_isNotKnown() throws Exception {
        CertBundle issued = issue(ROOT, COLLIDING);
        BigInteger neverIssued = COLLIDING.add(BigInteger.ONE);
        assertThat(certdb.row(ISSUER, neverIssued)).isEmpty();
        assertThat(certdb.lookup(ISSUER, neverIssued)).isEqualTo(CertStatus.notKnown());
        assertThat(certdb.lookup(ISSUER, issued.serial())).isEqualTo(CertStatus.good());
        try (Connection c = writer();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT typeof(serial_number) FROM certificates"
                        + " WHERE pem = '" + CertBundle.pem(issued.certificate()) + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .as("the 1.2 schema stores the serial as")
                    .isEqualTo("real");
        }
    }

    @Test
    void missingFile_isUnavailable_untilItIsThere() throws Exception {
        Path later = dir.resolve("later.db");
        try (Certdb missing = open(later)) {
            assertThatThrownBy(() -> missing.lookup(ISSUER, BigInteger.TEN))
                    .isInstanceOf(StatusUnavailableException.class)
                    .hasMessageContaining("CFSSL certdb sqlite3 " + later);
            assertThatThrownBy(missing::check).isInstanceOf(StatusUnavailableException.class);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + later)) {
                CertdbTables.create(c, CertdbTables.SQLITE_1_2);
            }
            Await.until(Duration.ofSeconds(30), "the certdb file is read once it exists", () -> {
                try {
                    missing.check();
                    return true;
                } catch (StatusUnavailableException e) {
                    return false;
                }
            });
            assertThat(missing.lookup(ISSUER, BigInteger.TEN)).isEqualTo(CertStatus.notKnown());
        }
    }

    @Test
    void fileTheResponderMayOnlyRead_isServed() throws Exception {
        Path readOnly = dir.resolve("read-only.db");
        CertBundle leaf = ROOT.issueLeaf("read only").build();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + readOnly)) {
            CertdbTables.create(c, CertdbTables.SQLITE_1_2);
            CertdbTables.insert(c, leaf, "");
        }
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        try (Certdb db = open(readOnly)) {
            assertThat(db.lookup(ISSUER, leaf.serial())).isEqualTo(CertStatus.good());
        }
    }
}
