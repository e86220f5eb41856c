package corp.example.ocsp.http.cli;

import corp.example.ocsp.store.postgres.CertificateRecord;
import corp.example.ocsp.store.postgres.PostgresStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code unrevoke}: releases a certificate from hold (certificateHold only). */
@Command(name = "unrevoke", mixinStandardHelpOptions = true, description = "Release a certificate from hold (only certificateHold can be undone).")
final class UnrevokeCommand extends StoreCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Override
    int run(PostgresStore store) {
        Selected s = target.resolve(store);
        CertificateRecord record = store.admin().unrevoke(s.issuer(), s.serial());
        out("released " + AdminCommands.describe(record));
        return 0;
    }
}
