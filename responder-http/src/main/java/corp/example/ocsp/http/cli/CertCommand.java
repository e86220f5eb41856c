package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.store.postgres.StoreAdmin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cert add} and {@code cert import}. */
@Command(
        name = "cert",
        mixinStandardHelpOptions = true,
        description = "Record issued certificates.",
        subcommands = {CertCommand.Add.class, CertCommand.Import.class})
final class CertCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Record certificates (PEM bundles or DER) as issued; idempotent.")
    static final class Add extends StoreCommand {
        @Option(
                names = "--cert",
                required = true,
                arity = "1..*",
                paramLabel = "FILE",
                description = "certificate files (a PEM file may hold many)")
        List<Path> certs;

        @Option(
                names = "--issuer",
                paramLabel = "LABEL",
                description = "the issuer's label (default: the registered CA that signed each certificate)")
        String issuer;

        @Override
        int run(SourceAdmin source) {
            StatusWrites writes = source.writes(); // refused before any file is read by a source that is not the record
            // group by issuer so each issuer's certificates go in together; one transaction per issuer
            Map<String, List<X509CertificateHolder>> byIssuer = new LinkedHashMap<>();
            for (Path file : certs) {
                for (X509CertificateHolder c : StoreAdmin.readCertificates(file)) {
                    String label =
                            issuer != null ? issuer : issuerOf(source, c, file).label();
                    byIssuer.computeIfAbsent(label, k -> new ArrayList<>()).add(c);
                }
            }
            for (Map.Entry<String, List<X509CertificateHolder>> e : byIssuer.entrySet()) {
                out(e.getKey() + ": " + writes.addCertificates(e.getKey(), e.getValue()));
            }
            return 0;
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Import an OpenSSL CA database (index.txt) in one transaction.")
    static final class Import extends StoreCommand {
        @Option(names = "--issuer", required = true, paramLabel = "LABEL", description = "the issuer's label")
        String issuer;

        @Option(names = "--openssl-index", required = true, paramLabel = "FILE", description = "the index.txt file")
        Path index;

        @Mixin
        ProgressOptions progress;

        @Override
        int run(SourceAdmin source) {
            StatusWrites.Progress shown = progress.line(spec.commandLine().getErr(), "importing " + index);
            out(issuer + ": " + source.writes().importIndexTxt(issuer, index, shown) + " from " + index);
            return 0;
        }
    }
}
