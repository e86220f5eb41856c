package corp.example.ocsp.store.cfssl;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The read-only connection pool of a certdb. SQLite files are opened read-only with a busy timeout
 * (CFSSL writes them in rollback-journal mode: a reader waits while a revocation commits);
 * PostgreSQL sessions are read-only with statement and socket timeouts; MySQL/MariaDB sessions
 * (MariaDB Connector/J) read-only with connect and socket timeouts.
 */
final class Pools {
    private Pools() {}

    static HikariDataSource open(DbConfig config, Duration timeout, int size) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("cfssl-certdb");
        h.setMaximumPoolSize(size);
        h.setMinimumIdle(1);
        h.setReadOnly(true);
        h.setAutoCommit(true);
        h.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        h.setValidationTimeout(Math.max(250, timeout.toMillis() / 2));
        h.setInitializationFailTimeout(-1); // a certdb that is down does not fail start-up
        if (config.driver() == DbConfig.Driver.SQLITE3) {
            SQLiteConfig c = new SQLiteConfig();
            c.setReadOnly(true);
            c.setBusyTimeout((int) timeout.toMillis());
            SQLiteDataSource ds = new SQLiteDataSource(c);
            ds.setUrl("jdbc:sqlite:" + config.dataSource());
            h.setDataSource(ds);
        } else if (config.driver() == DbConfig.Driver.MYSQL) {
            MysqlDsn dsn = MysqlDsn.parse(config.dataSource());
            Properties p = dsn.properties();
            long millis = Math.max(250, timeout.toMillis());
            p.putIfAbsent("connectTimeout", Long.toString(millis));
            p.setProperty("socketTimeout", Long.toString(2 * millis + 1000)); // the bound on a statement
            h.setJdbcUrl(dsn.jdbcUrl());
            h.setDriverClassName("org.mariadb.jdbc.Driver");
            h.setDataSourceProperties(p);
        } else {
            PostgresDsn dsn = PostgresDsn.parse(config.dataSource());
            Properties p = dsn.properties();
            int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
            p.putIfAbsent("connectTimeout", Integer.toString(seconds));
            p.setProperty("loginTimeout", p.getProperty("connectTimeout"));
            p.setProperty("socketTimeout", Integer.toString(2 * seconds + 1));
            String statementTimeout = "-c statement_timeout=" + timeout.toMillis();
            p.setProperty(
                    "options",
                    p.containsKey("options") ? p.getProperty("options") + " " + statementTimeout : statementTimeout);
            p.putIfAbsent("ApplicationName", "ocsp-responder (cfssl certdb)");
            h.setJdbcUrl(dsn.jdbcUrl());
            h.setDataSourceProperties(p);
        }
        return new HikariDataSource(h);
    }
}
