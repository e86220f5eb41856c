package corp.example.ocsp.http.source.postgres;

import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.Section;
import corp.example.ocsp.http.source.SourceKind;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code database:} section: the PostgreSQL status store, or an embedded one. Defaults are
 * {@link PostgresStoreConfig}'s; the ranges are the configuration's.
 */
public final class PostgresKind implements SourceKind {
    static final String SECTION = "database";

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public SourceSettings read(Section s) throws ConfigException {
        Optional<Embedded> embedded = embedded(s);
        String url = embedded.isPresent()
                ? s.string(
                        "url", "jdbc:postgresql://127.0.0.1:" + embedded.get().port() + "/postgres")
                : s.requiredString("url");
        String user = s.string("user", embedded.isPresent() ? "postgres" : null);
        String password = s.string("password", null);
        PostgresStoreConfig store;
        try {
            store = PostgresStoreConfig.of(url, user, password);
        } catch (IllegalArgumentException e) {
            throw s.error(s.name("url"), e.getMessage());
        }
        try {
            store = store.withPoolSize(s.integer("poolSize", store.poolSize(), 1, 200))
                    .withTimeouts(
                            s.duration(
                                    "connectionTimeout",
                                    store.connectionTimeout(),
                                    Duration.ofMillis(250),
                                    Duration.ofMinutes(1)),
                            s.duration(
                                    "statementTimeout",
                                    store.statementTimeout(),
                                    Duration.ofMillis(10),
                                    Duration.ofMinutes(1)))
                    .withReconcilePeriod(s.duration(
                            "reconcilePeriod",
                            store.reconcilePeriod(),
                            Duration.ofMillis(100),
                            Duration.ofMinutes(10)));
        } catch (IllegalArgumentException e) {
            throw s.error(SECTION, e.getMessage());
        }
        s.done();
        return new PostgresSettings(store, embedded);
    }

    private static Optional<Embedded> embedded(Section s) throws ConfigException {
        Section e = s.child("embedded");
        Optional<Embedded> embedded = Optional.empty();
        if (s.has("embedded")) {
            if (!e.has("port")) {
                throw e.error(e.name("port"), "is required (the loopback port the embedded PostgreSQL listens on)");
            }
            embedded = Optional.of(new Embedded(e.requiredPath("dataDir"), e.integer("port", 0, 1, 65535)));
        }
        e.done();
        return embedded;
    }
}
