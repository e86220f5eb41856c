package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.source.SourceAdmin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code unrevoke}: releases a certificate from hold (certificateHold only). */
@Command(
        name = "unrevoke",
        mixinStandardHelpOptions = true,
        description = "Release a certificate from hold (only certificateHold can be undone).")
final class UnrevokeCommand extends StoreCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Override
    int run(SourceAdmin source) {
        Selected s = target.resolve(source);
        out("released " + source.writes().unrevoke(s.issuer(), s.serial()));
        return 0;
    }
}
