package corp.example.ocsp.http.source.postgres;

import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import java.util.Optional;

/** The validated {@code database:} section: where the store is, and whether to run it embedded. */
public record PostgresSettings(PostgresStoreConfig store, Optional<Embedded> embedded) implements SourceSettings {

    @Override
    public String section() {
        return PostgresKind.SECTION;
    }

    /** Starts the embedded PostgreSQL first, if configured, then opens the store (even if it is down). */
    @Override
    public OpenSource open() throws Exception {
        EmbeddedDatabase db = embedded.isPresent() ? EmbeddedDatabase.start(embedded.get()) : null;
        try {
            return new PostgresSource(PostgresStore.open(store), db);
        } catch (RuntimeException e) {
            if (db != null) {
                db.close();
            }
            throw e;
        }
    }

    @Override
    public SourceAdmin openAdmin() {
        PostgresStore s = PostgresStore.openForAdmin(store);
        return new PostgresAdmin(s, s::close);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + store
                + embedded.map(e -> " (embedded, data in " + e.dataDir() + ")").orElse("");
    }
}
