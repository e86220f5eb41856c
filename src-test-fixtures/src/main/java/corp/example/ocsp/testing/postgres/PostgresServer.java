package corp.example.ocsp.testing.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL server shared by the tests of one JVM. Tests normally use only {@link
 * PostgresFixture#newDatabase()}; fault tests use {@link #stop()}, {@link #start()} and {@link
 * #terminateSessions(String)}.
 */
public abstract class PostgresServer {

    PostgresServer() {}

    /** Where the server came from: {@code OCSP_TEST_JDBC_URL}, {@code testcontainers} or {@code embedded}. */
    public abstract String kind();

    public abstract String host();

    /** The TCP port; stays the same across {@link #stop()} and {@link #start()}. */
    public abstract int port();

    /** A superuser (or a user allowed to create databases). */
    public abstract String user();

    public abstract String password();

    /** The JDBC URL of {@code database} on this server. */
    public abstract String jdbcUrl(String database);

    /** The database used for administration (creating and dropping test databases). */
    abstract String adminDatabase();

    /** True if {@link #stop()} and {@link #start()} work on this kind of server. */
    public abstract boolean canRestart();

    /**
     * Stops the server: every connection breaks and new ones are refused until {@link #start()}.
     * Data is kept. Throws {@link UnsupportedOperationException} where {@link #canRestart()} is false.
     */
    public abstract void stop();

    /** Starts the server again after {@link #stop()}, on the same port with the same data. */
    public abstract void start();

    /** Stops the server for good (the fixture's shutdown hook calls this). */
    abstract void shutdown();

    /** A new connection to {@code database} as {@link #user()}. */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user());
        if (password() != null) {
            p.setProperty("password", password());
        }
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    /**
     * Kills, with {@code pg_terminate_backend}, every session whose application_name is {@code
     * applicationName}, and returns how many there were.
     */
    public int terminateSessions(String applicationName) {
        try (Connection c = connect(adminDatabase());
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot terminate sessions named " + applicationName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return kind() + " PostgreSQL at " + host() + ":" + port();
    }
}
