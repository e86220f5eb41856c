package corp.example.ocsp.http.cli;

import corp.example.ocsp.store.postgres.PostgresStore;
import picocli.CommandLine.Command;

/** {@code db migrate}: brings the schema up to date. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema commands.", subcommands = DbCommand.Migrate.class)
final class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Create or upgrade the status store's tables (Flyway).")
    static final class Migrate extends StoreCommand {
        @Override
        int run(PostgresStore store) {
            store.migrate();
            out("schema is up to date at " + store.config().jdbcUrl());
            return 0;
        }
    }
}
