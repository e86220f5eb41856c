package corp.example.ocsp.http.source.postgres;

import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.store.postgres.PostgresStore;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store opened for serving: every part is the store itself, through its SPI interfaces. */
final class PostgresSource implements OpenSource {
    private static final Logger log = LoggerFactory.getLogger(PostgresSource.class);
    private final PostgresStore store;
    private final EmbeddedDatabase embedded;

    /** @param embedded the embedded PostgreSQL the store runs on, or null */
    PostgresSource(PostgresStore store, EmbeddedDatabase embedded) {
        this.store = store;
        this.embedded = embedded;
    }

    @Override
    public StatusSource statuses() {
        return store;
    }

    @Override
    public Reachability reachability() {
        return store;
    }

    @Override
    public Optional<Changes> changes() {
        return Optional.of(new Changes(store, store, Optional.of(store)));
    }

    @Override
    public SourceAdmin admin() {
        return new PostgresAdmin(store, () -> {}); // the store stays open: it serves
    }

    /** Closes the store (its feed and pool), then the embedded PostgreSQL. */
    @Override
    public void close() {
        store.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("stopping the embedded PostgreSQL failed: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL status store " + store.config().safeJdbcUrl();
    }
}
