package corp.example.ocsp.http.cli;

import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.http.config.Section;
import corp.example.ocsp.http.source.SourceAdmin;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit list}: the audit trail of the admin writes. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "The audit trail of the admin writes.",
        subcommands = AuditCommand.ListTrail.class)
final class AuditCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Print the audit trail, oldest first: when, what, outcome, and who"
                    + " (operating-system user, database user, host, process id).")
    static final class ListTrail extends StoreCommand {
        @Option(
                names = "--since",
                paramLabel = "TIME",
                description = "only writes since then: an ISO-8601 time, or a duration ago such as 24h or 7d")
        String since;

        @Option(names = "--serial", paramLabel = "HEX", description = "only writes of this serial number")
        String serial;

        @Override
        int run(SourceAdmin source) {
            Optional<Instant> from = Optional.ofNullable(since).map(ListTrail::since);
            Optional<BigInteger> only = Optional.ofNullable(serial).map(s -> {
                try {
                    return SerialNumbers.parseHex(s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--serial: " + e.getMessage());
                }
            });
            List<String> lines = source.writes().auditTrail(from, only);
            lines.forEach(this::out);
            if (lines.isEmpty()) {
                out("no writes recorded" + (since == null && serial == null ? "" : " that match"));
            }
            return 0;
        }

        private static Instant since(String text) {
            Optional<Instant> ago =
                    Section.parseDuration(text).map(d -> Instant.now().minus(d));
            if (ago.isPresent()) {
                return ago.get();
            }
            try {
                return RevokeCommand.time("--since", text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--since: '" + text
                        + "' is neither an ISO-8601 time such as 2026-11-22T10:15:30Z nor a duration such as 24h");
            }
        }
    }
}
