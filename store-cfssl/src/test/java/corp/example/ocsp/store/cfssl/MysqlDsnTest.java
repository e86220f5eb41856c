package corp.example.ocsp.store.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** go-sql-driver/mysql's DSN, as CFSSL's db-config gives it, in MariaDB Connector/J's terms. */
class MysqlDsnTest {
    @Test
    void tcpDsn_givesHostPortDatabaseAndCredentials() {
        MysqlDsn d = MysqlDsn.parse("cfssl:pw@tcp(db.example.corp:3307)/certdb?parseTime=true&timeout=1500ms");

        assertThat(d.jdbcUrl()).isEqualTo("jdbc:mariadb://db.example.corp:3307/certdb");
        assertThat(d.properties())
                .containsEntry("user", "cfssl")
                .containsEntry("password", "pw")
                .containsEntry("sslMode", "disable")
                .containsEntry("connectTimeout", "1500");
    }

    @Test
    void passwordWithAnAt_andTheLastAtSeparatesTheAddress() {
        MysqlDsn d = MysqlDsn.parse("u:p@ss@w0rd@tcp(127.0.0.1:3306)/db");
        assertThat(d.password()).isEqualTo("p@ss@w0rd");
        assertThat(MysqlDsn.masked("u:p@ss@w0rd@tcp(127.0.0.1:3306)/db")).isEqualTo("u:****@tcp(127.0.0.1:3306)/db");
    }

    @Test
    void noAddress_isTheGoDriversDefault_andUnixUsesTheSocket() {
        assertThat(MysqlDsn.parse("root@/certdb").jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/certdb");
        MysqlDsn unix = MysqlDsn.parse("root@unix(/run/mysqld/mysqld.sock)/certdb");
        assertThat(unix.jdbcUrl()).isEqualTo("jdbc:mariadb://localhost/certdb");
        assertThat(unix.properties()).containsEntry("localSocket", "/run/mysqld/mysqld.sock");
    }

    @Test
    void tls_mapsToConnectorJsSslModes() {
        assertThat(MysqlDsn.parse("u@tcp(h:1)/d?tls=true").properties()).containsEntry("sslMode", "verify-full");
        assertThat(MysqlDsn.parse("u@tcp(h:1)/d?tls=skip-verify").properties()).containsEntry("sslMode", "trust");
    }

    @Test
    void malformedDsns_areOneLineEach_withoutThePassword() {
        assertThatThrownBy(() -> MysqlDsn.parse("u:secret@tcp(h:1)"))
                .hasMessage("MySQL data_source has no /dbname (user:password@tcp(host:port)/dbname)");
        assertThatThrownBy(() -> MysqlDsn.parse("u:secret@tcp(h:1/db"))
                .hasMessage("MySQL data_source: 'tcp(' has no closing parenthesis");
        assertThatThrownBy(() -> MysqlDsn.parse("u:secret@udp(h:1)/db"))
                .hasMessage("MySQL data_source: protocol 'udp' is not tcp or unix");
        assertThatThrownBy(() -> MysqlDsn.parse("u:secret@tcp(h:1)/db?timeout=soon"))
                .hasMessage("MySQL data_source: timeout=soon is not a Go duration such as 5s");
        assertThatThrownBy(() -> MysqlDsn.parse("u:secret@tcp(h:1)/"))
                .hasMessage("MySQL data_source has no database name after the /");
    }

    @Test
    void goDurations_inMilliseconds() {
        assertThat(MysqlDsn.goDurationMillis("5s")).isEqualTo(5000);
        assertThat(MysqlDsn.goDurationMillis("1m30s")).isEqualTo(90_000);
        assertThat(MysqlDsn.goDurationMillis("250ms")).isEqualTo(250);
    }
}
