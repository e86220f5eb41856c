package corp.example.ocsp.http.cli;

import corp.example.ocsp.store.postgres.PostgresStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code status}: what the store says of one certificate. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show what the status store holds for a certificate.")
final class StatusCommand extends StoreCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Override
    int run(PostgresStore store) {
        Selected s = target.resolve(store);
        out(store.certificate(s.issuer(), s.serial()).map(AdminCommands::describe)
                .orElse(s.describe() + ": not known to the store"));
        return 0;
    }
}
