package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.source.SourceAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db migrate}: brings the schema up to date. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Database schema commands.",
        subcommands = DbCommand.Migrate.class)
final class DbCommand {

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Create or upgrade the status store's tables (Flyway).")
    static final class Migrate extends StoreCommand {
        @Mixin
        ProgressOptions progress;

        @Override
        int run(SourceAdmin source) {
            out(source.writes().migrate(progress.line(spec.commandLine().getErr(), "migrating")));
            return 0;
        }
    }
}
