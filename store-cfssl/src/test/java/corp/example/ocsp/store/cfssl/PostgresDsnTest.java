package corp.example.ocsp.store.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresDsnTest {
    @Test
    void url_givesHostPortDatabaseUserPasswordAndParameters() {
        PostgresDsn d = PostgresDsn.parse("postgres://cfssl:p%40ss@db.example:6432/certdb?sslmode=verify-full"
                + "&sslrootcert=/etc/ca.pem&connect_timeout=3");
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/certdb");
        assertThat(d.properties())
                .containsEntry("user", "cfssl")
                .containsEntry("password", "p@ss")
                .containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", "/etc/ca.pem")
                .containsEntry("connectTimeout", "3");
    }

    @Test
    void keyValues_withQuotedValuesAndEscapes() {
        PostgresDsn d = PostgresDsn.parse(
                " host=10.0.0.5 port = 5433 dbname=certdb user=cfssl" + " password='it\\'s a secret' sslmode=disable ");
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5433/certdb");
        assertThat(d.properties()).containsEntry("password", "it's a secret").containsEntry("sslmode", "disable");
    }

    @Test
    void libpqDefaults_sslmodeRequire_localhost5432_databaseNamedAfterTheUser() {
        PostgresDsn d = PostgresDsn.parse("user=cfssl");
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/cfssl");
        assertThat(d.properties()).containsEntry("sslmode", "require");
    }

    @Test
    void otherKeys_areRunTimeParameters_asLibpqSendsThem() {
        PostgresDsn d = PostgresDsn.parse("dbname=certdb search_path=cfssl");
        assertThat(d.properties()).containsEntry("options", "-c search_path=cfssl");
    }

    @Test
    void malformed_isRefusedInOneLine() {
        assertThatThrownBy(() -> PostgresDsn.parse("host db"))
                .isInstanceOf(CertdbException.class)
                .hasMessage("PostgreSQL data_source: missing '=' after 'host' (expected key=value pairs)");
        assertThatThrownBy(() -> PostgresDsn.parse("password='open"))
                .hasMessage("PostgreSQL data_source: unterminated quoted value of 'password'");
        assertThatThrownBy(() -> PostgresDsn.parse("host=/var/run/postgresql"))
                .hasMessageContaining("is a Unix socket directory");
        assertThatThrownBy(() -> PostgresDsn.parse("port=big")).hasMessageContaining("port 'big'");
    }
}
