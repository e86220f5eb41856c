package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.SourceAdmin.HeldIssuer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code issuer add} and {@code issuer list}. */
@Command(
        name = "issuer",
        mixinStandardHelpOptions = true,
        description = "Register and list CAs.",
        subcommands = {IssuerCommand.Add.class, IssuerCommand.ListIssuers.class})
final class IssuerCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Register a CA from its certificate under a label.")
    static final class Add extends StoreCommand {
        @Option(
                names = "--label",
                required = true,
                paramLabel = "LABEL",
                description = "the name to refer to the CA by")
        String label;

        @Option(names = "--cert", required = true, paramLabel = "FILE", description = "the CA certificate (PEM or DER)")
        Path cert;

        @Override
        int run(SourceAdmin source) {
            out(source.writes().registerIssuer(label, single(cert)));
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "List the registered CAs (a CFSSL certdb: the configured CAs, and the certdb's certificates of CAs not configured).")
    static final class ListIssuers extends StoreCommand {
        @Override
        int run(SourceAdmin source) {
            for (HeldIssuer r : source.issuers()) {
                out(r.issuer().label() + "\t" + r.certificates() + " certificates\t"
                        + r.issuer().certificate().getSubject());
            }
            source.unaccounted().forEach(this::out);
            return 0;
        }
    }
}
