package corp.example.ocsp.http.cli;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.crlcheck.CrlComparison;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.crl.CrlSettings;
import corp.example.ocsp.store.crl.CrlException;
import corp.example.ocsp.store.crl.CrlOptions;
import corp.example.ocsp.store.crl.CrlSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check-crl}: does the configured status source (read directly, no server) say what a CRL
 * says? Prints each mismatch; exits 0 when they agree, 1 when they do not, 3 when it cannot check.
 */
@Command(
        name = "check-crl",
        mixinStandardHelpOptions = true,
        description = {
            "Compare the configured status source with a CRL: every serial on the CRL revoked in the source",
            "with the same reason and time, every serial revoked in the source on the CRL.",
            "Exit 0: they agree; 1: a mismatch (each printed); 2: bad usage; 3: cannot check."
        })
final class CheckCrlCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "the responder's YAML configuration")
    Path config;

    @Option(
            names = "--crl",
            required = true,
            paramLabel = "FILE|URL",
            description = "the CRL (PEM or DER), a file or an http(s) URL")
    String crl;

    @Option(
            names = "--issuer",
            paramLabel = "LABEL",
            description = "the CA whose CRL it is (default: the configured CA the CRL names)")
    String issuerLabel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Main.quietLogs();
        ServerConfig cfg = ConfigFile.load(config);
        try {
            byte[] content = CrlSnapshot.fetch(crl, CrlOptions.DEFAULT_TIMEOUT);
            Issuer issuer = issuer(cfg, content);
            CrlSnapshot snapshot = CrlSnapshot.read(content, crl, issuer, crlIssuer(cfg, issuer.label()));
            try (OpenSource source = cfg.source().open()) {
                Optional<StatusInventory> inventory = source.changes().map(OpenSource.Changes::inventory);
                return report(CrlComparison.compare(snapshot, issuer, source.statuses(), inventory), snapshot, issuer);
            }
        } catch (CrlException | StatusUnavailableException e) {
            spec.commandLine().getErr().println("error: cannot check: " + Main.oneLine(e));
            return 3;
        }
    }

    private int report(CrlComparison.Result r, CrlSnapshot crl, Issuer issuer) {
        r.mismatches().forEach(m -> out(m));
        r.notes().forEach(n -> out("note: " + n));
        String what = "CRL " + crl.where() + " (" + crl.describe() + ") and the status source of CA " + issuer.label();
        if (r.agree()) {
            out(what + " agree: " + r.onCrl() + " entries on the CRL, " + r.revokedInSource()
                    + " revoked in the source");
            return 0;
        }
        out(what + " disagree: " + r.mismatches().size() + " mismatches");
        return 1;
    }

    /** The CA named by --issuer, else the one configured CA the CRL names as its issuer. */
    private Issuer issuer(ServerConfig cfg, byte[] content) {
        List<Issuer> configured = StoreCommand.configuredIssuers(cfg);
        if (issuerLabel != null) {
            return configured.stream()
                    .filter(i -> i.label().equals(issuerLabel))
                    .findFirst()
                    .orElseThrow(
                            () -> new CrlException("--issuer " + issuerLabel + ": no configured CA has that label"));
        }
        List<Issuer> named = configured.stream()
                .filter(i -> CrlSnapshot.issuedFor(content, crl, i, crlIssuer(cfg, i.label())))
                .toList();
        if (named.size() != 1) {
            throw new CrlException(
                    crl + ": " + (named.isEmpty() ? "no configured CA issued it" : "several configured CAs match it")
                            + "; name the CA with --issuer LABEL");
        }
        return named.get(0);
    }

    /** The indirect CRL issuer configured for the CA, if its source is a CRL with one. */
    private static Optional<Path> crlIssuer(ServerConfig cfg, String label) {
        return cfg.responders().stream()
                .flatMap(r -> r.issuers().stream())
                .filter(i -> i.label().equals(label))
                .flatMap(i -> i.source().stream())
                .filter(s -> s instanceof CrlSettings)
                .findFirst()
                .flatMap(s -> ((CrlSettings) s).options().crlIssuer());
    }

    private void out(String line) {
        spec.commandLine().getOut().println(line);
    }
}
