package corp.example.ocsp.testing.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One database of the test server, for one test class. {@link #close()} drops it. */
public final class TestDatabase implements AutoCloseable {
    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database; it follows the server across a restart (same port). */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.user();
    }

    /** The password, or null when the server trusts local connections. */
    public String password() {
        return server.password();
    }

    public PostgresServer server() {
        return server;
    }

    /** An unpooled data source: every {@code getConnection()} opens a new connection. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl());
        ds.setUser(user());
        if (password() != null) {
            ds.setPassword(password());
        }
        ds.setConnectTimeout(5);
        return ds;
    }

    /** A new connection to this database. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /**
     * Lets new connections to this database in, or refuses them ({@code ALTER DATABASE ...
     * ALLOW_CONNECTIONS}); open sessions carry on. For fault tests: kill a session with {@link
     * PostgresServer#terminateSessions(String)} and it cannot come back until allowed again.
     */
    public void allowConnections(boolean allow) {
        try (Connection c = server.connect(server.adminDatabase());
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot " + (allow ? "allow" : "refuse") + " connections to " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database, closing any session still connected to it. */
    @Override
    public void close() {
        PostgresFixture.drop(server, name);
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }
}
