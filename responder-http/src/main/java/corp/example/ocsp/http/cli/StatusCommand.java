package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.source.SourceAdmin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code status}: what the store says of one certificate. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show what the status store holds for a certificate.")
final class StatusCommand extends StoreCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Override
    int run(SourceAdmin source) {
        Selected s = target.resolve(source);
        out(source.describe(s.issuer(), s.serial()).orElse(s.describe() + ": not known to the store"));
        return 0;
    }
}
