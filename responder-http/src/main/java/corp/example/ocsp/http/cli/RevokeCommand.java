package corp.example.ocsp.http.cli;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.source.SourceAdmin;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revoke}: records a revocation, visible to every responder within a second. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a certificate.")
final class RevokeCommand extends StoreCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "REASON",
            description = "unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, "
                    + "cessationOfOperation, certificateHold, privilegeWithdrawn, aACompromise")
    String reason;

    @Option(names = "--at", paramLabel = "TIME", description = "revocation time, ISO-8601 (default: now)")
    String at;

    @Option(
            names = "--invalidity-date",
            paramLabel = "TIME",
            description = "when the key was known or suspected compromised, ISO-8601")
    String invalidity;

    @Override
    int run(SourceAdmin source) {
        RevocationReason r = RevocationReason.parse(reason)
                .orElseThrow(() -> new IllegalArgumentException(
                        "--reason: '" + reason + "' is not one of " + RevocationReason.names()));
        Optional<Instant> when = at == null ? Optional.empty() : Optional.of(time("--at", at));
        Optional<Instant> invalidSince =
                invalidity == null ? Optional.empty() : Optional.of(time("--invalidity-date", invalidity));
        Selected s = target.resolve(source);
        out("revoked " + source.writes().revoke(s.issuer(), s.serial(), r, when, invalidSince));
        return 0;
    }

    static Instant time(String option, String text) {
        try {
            return text.endsWith("Z")
                    ? Instant.parse(text)
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + ": '" + text + "' is not an ISO-8601 time such as 2026-11-22T10:15:30Z");
        }
    }
}
