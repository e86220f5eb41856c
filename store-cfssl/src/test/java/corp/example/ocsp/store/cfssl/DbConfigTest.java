package corp.example.ocsp.store.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbConfigTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        return Files.writeString(dir.resolve("db-config.json"), json);
    }

    @Test
    void membersAreMatchedInAnyCase_otherMembersIgnored_asGoDecodesThem() throws Exception {
        DbConfig c =
                DbConfig.read(write("{\"DRIVER\":\"sqlite3\",\"Data_Source\":\"/var/lib/cfssl/certs.db\",\"x\":1}"));
        assertThat(c.driver()).isEqualTo(DbConfig.Driver.SQLITE3);
        assertThat(c.dataSource()).isEqualTo("/var/lib/cfssl/certs.db");
    }

    @Test
    void missingOrEmptyMember_isRefusedNamingIt() throws Exception {
        Path f = write("{\"driver\":\"postgres\",\"data_source\":\"\"}");
        assertThatThrownBy(() -> DbConfig.read(f))
                .isInstanceOf(CertdbException.class)
                .hasMessage("CFSSL db-config " + f + ": \"data_source\" is missing or empty (CFSSL: invalid db"
                        + " configuration)");
        Path g = write("{\"data_source\":\"x\"}");
        assertThatThrownBy(() -> DbConfig.read(g)).hasMessageContaining("\"driver\" is missing");
    }

    @Test
    void mysql_isRead_andItsPasswordMaskedInToString() throws Exception {
        Path f = write("{\"driver\":\"mysql\",\"data_source\":\"cfssl:s3cr@t@tcp(db:3307)/certdb?parseTime=true\"}");
        DbConfig c = DbConfig.read(f);
        assertThat(c.driver()).isEqualTo(DbConfig.Driver.MYSQL);
        assertThat(c.toString())
                .isEqualTo("mysql cfssl:****@tcp(db:3307)/certdb?parseTime=true (from " + f + ")")
                .doesNotContain("s3cr");
    }

    @Test
    void malformedMysqlDataSource_isRefusedWhenRead() throws Exception {
        Path f = write("{\"driver\":\"mysql\",\"data_source\":\"u:pw@tcp(db:3306)/certdb?tls=custom\"}");
        assertThatThrownBy(() -> DbConfig.read(f))
                .isInstanceOf(CertdbException.class)
                .hasMessage("CFSSL db-config " + f + ": MySQL data_source: tls=custom names a TLS configuration"
                        + " registered in CFSSL's Go code; use true, skip-verify or false");
    }

    @Test
    void unknownDriver_notJson_notAnObject_missingFile_eachGetOneLine() throws Exception {
        assertThatThrownBy(() -> DbConfig.read(write("{\"driver\":\"oracle\",\"data_source\":\"x\"}")))
                .hasMessageEndingWith("driver \"oracle\" is not one CFSSL knows (postgres, sqlite3 or mysql)");
        assertThatThrownBy(() -> DbConfig.read(write("{\"driver\":")))
                .hasMessageContaining("is not JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> DbConfig.read(write("[]"))).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> DbConfig.read(write("{\"driver\":5,\"data_source\":\"x\"}")))
                .hasMessageContaining("\"driver\" must be a string");
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> DbConfig.read(missing))
                .hasMessageStartingWith("CFSSL db-config " + missing + " cannot be read");
    }

    @Test
    void toString_masksThePostgresPassword() throws Exception {
        assertThat(DbConfig.read(write(
                                "{\"driver\":\"postgres\",\"data_source\":\"postgres://cfssl:s3cret@db/certdb\"}"))
                        .toString())
                .contains("postgres://cfssl:***@db/certdb")
                .doesNotContain("s3cret");
        assertThat(DbConfig.read(write("{\"driver\":\"postgres\",\"data_source\":\"host=db password='a b' user=x\"}"))
                        .toString())
                .contains("password=*** user=x")
                .doesNotContain("a b");
    }

    @Test
    void malformedPostgresDataSource_isRefusedWhenRead() throws Exception {
        Path f = write("{\"driver\":\"postgres\",\"data_source\":\"host db\"}");
        assertThatThrownBy(() -> DbConfig.read(f))
                .hasMessage("CFSSL db-config " + f
                        + ": PostgreSQL data_source: missing '=' after 'host' (expected key=value pairs)");
    }
}
