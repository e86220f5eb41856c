package corp.example.ocsp.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import corp.example.ocsp.core.status.OutageGate;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Connections to the store: the lookup pool, the listener's own connection, and error mapping. */
final class Database {
    /** How long pgjdbc trusts what it learnt of a host (primary or standby); its default is 10 s. */
    static final int HOST_RECHECK_SECONDS = 2;

    private Database() {}

    /**
     * The lookup pool, whose getConnection waits at most {@code wait}. It starts even when the database is down (lookups then fail fast with
     * StatusUnavailableException) so a responder can serve from its cache during an outage.
     */
    static HikariDataSource pool(PostgresStoreConfig config, Duration wait) {
        HikariConfig h = new HikariConfig();
        h.setPoolName(config.applicationName() + "-pool");
        h.setJdbcUrl(config.jdbcUrl());
        h.setUsername(config.user());
        h.setPassword(config.password());
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(config.poolSize());
        // the wait for a pooled connection; new ones are made in the background with the connect timeout
        h.setConnectionTimeout(wait.toMillis());
        h.setValidationTimeout(Math.max(250, wait.toMillis() / 2));
        h.setInitializationFailTimeout(-1);
        // Hikari learns the default isolation from its first connection; if the server dies during
        // that probe it never learns it and every later connection fails. Naming it avoids the probe.
        h.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        h.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        h.setDataSourceProperties(driverProperties(config, config.applicationName(), true));
        return new HikariDataSource(h);
    }

    /** A data source without a statement timeout, for migrations. Unpooled. */
    static DataSource unpooled(PostgresStoreConfig config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(config.jdbcUrl());
        ds.setUser(config.user());
        if (config.password() != null) {
            ds.setPassword(config.password());
        }
        ds.setApplicationName(config.applicationName() + "-admin");
        ds.setConnectTimeout(seconds(config.connectionTimeout()));
        return ds;
    }

    /** The LISTEN connection: not from the pool, so a busy pool never delays notifications. */
    static Connection listenerConnection(PostgresStoreConfig config) throws SQLException {
        return feedConnection(config, config.listenerApplicationName());
    }

    /** The feed's reconcile connection: not from the pool either, and not the listener's, which stays idle to receive. */
    static Connection reconcileConnection(PostgresStoreConfig config) throws SQLException {
        return feedConnection(config, config.reconcileApplicationName());
    }

    /** Closes {@code c} if there is one, ignoring a failure (a connection that broke is closed). */
    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // already broken
            }
        }
    }

    private static Connection feedConnection(PostgresStoreConfig config, String applicationName) throws SQLException {
        Properties p = driverProperties(config, applicationName, true);
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    private static Properties driverProperties(
            PostgresStoreConfig config, String applicationName, boolean statementTimeout) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", Integer.toString(seconds(config.connectionTimeout())));
        p.setProperty("loginTimeout", Integer.toString(seconds(config.connectionTimeout())));
        p.setProperty("tcpKeepAlive", "true");
        // with several hosts and targetServerType=primary, the driver remembers which host was a
        // standby for this long; short, so a promoted standby is taken soon after a failover (the
        // URL's own hostRecheckSeconds wins)
        p.setProperty("hostRecheckSeconds", Integer.toString(HOST_RECHECK_SECONDS));
        if (statementTimeout) {
            // the server cancels a slow statement; the socket timeout catches a server that no longer answers
            p.setProperty(
                    "options",
                    "-c statement_timeout=" + config.statementTimeout().toMillis());
            p.setProperty(
                    "socketTimeout",
                    Integer.toString(seconds(config.statementTimeout().plus(config.connectionTimeout()))));
        }
        return p;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** A lookup that failed for want of the database: the responder answers tryLater. */
    static StatusUnavailableException unavailable(String what, SQLException e) {
        return new StatusUnavailableException("status store unavailable: " + what + ": " + oneLine(e), e);
    }

    /** Pool timeouts (HikariCP's SQLTransientConnectionException) and SQLState class 08 or 57P0x. */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    /** Closes {@code gate} when {@code e} says the database cannot be reached (and leaves it else). */
    static void closeGateIfUnreachable(OutageGate gate, SQLException e) {
        if (isConnectionFailure(e)) {
            gate.failed(oneLine(e));
        }
    }

    static String oneLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl))
                + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }
}
