package corp.example.ocsp.http.cli;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.SignerFiles;
import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.SourceAdmin.HeldIssuer;
import corp.example.ocsp.store.postgres.StoreAdmin;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that works on the status source named by {@code --config}, through its {@link
 * SourceAdmin} (a source that is not the record refuses the writes with one line).
 */
abstract class StoreCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "the responder's YAML configuration")
    Path config;

    @Spec
    CommandSpec spec;

    /** Runs {@link #run(SourceAdmin)} on the source the configuration names. */
    @Override
    public final Integer call() throws Exception {
        Main.quietLogs();
        ServerConfig cfg = ConfigFile.load(config);
        try (SourceAdmin source = cfg.source().openAdmin(() -> configuredIssuers(cfg))) {
            return run(source);
        }
    }

    abstract int run(SourceAdmin source) throws Exception;

    /** The CAs the configuration's responders answer for, each once, from their certificate files. */
    static List<Issuer> configuredIssuers(ServerConfig cfg) {
        Map<String, Issuer> out = new LinkedHashMap<>();
        for (int i = 0; i < cfg.responders().size(); i++) {
            List<ServerConfig.IssuerConfig> issuers = cfg.responders().get(i).issuers();
            for (int j = 0; j < issuers.size(); j++) {
                ServerConfig.IssuerConfig ic = issuers.get(j);
                try {
                    out.putIfAbsent(
                            ic.label(),
                            Issuer.of(
                                    ic.label(),
                                    SignerFiles.readCertificates(ic.certificate())
                                            .get(0)));
                } catch (SignerLoadException e) {
                    throw new IllegalArgumentException(
                            cfg.file() + ": responders[" + i + "].issuers[" + j + "].certificate: " + e.getMessage(),
                            e);
                }
            }
        }
        return List.copyOf(out.values());
    }

    void out(String line) {
        spec.commandLine().getOut().println(line);
    }

    /** Which certificate: {@code --cert FILE} or {@code --issuer LABEL --serial HEX}. */
    static final class Target {
        @Option(names = "--cert", paramLabel = "FILE", description = "the certificate (PEM or DER)")
        Path cert;

        @ArgGroup(exclusive = false)
        BySerial bySerial;

        static final class BySerial {
            @Option(names = "--issuer", required = true, paramLabel = "LABEL", description = "the issuer's label")
            String issuer;

            @Option(names = "--serial", required = true, paramLabel = "HEX", description = "the serial number in hex")
            String serial;
        }

        /** The issuer label and serial this target names. */
        Selected resolve(SourceAdmin source) {
            if (cert != null) {
                X509CertificateHolder c = single(cert);
                return new Selected(issuerOf(source, c, cert).label(), c.getSerialNumber());
            }
            return new Selected(bySerial.issuer, SerialNumbers.parseHex(bySerial.serial));
        }
    }

    record Selected(String issuer, BigInteger serial) {
        String describe() {
            return issuer + " serial " + SerialNumbers.hex(serial);
        }
    }

    static X509CertificateHolder single(Path file) {
        List<X509CertificateHolder> certs = StoreAdmin.readCertificates(file);
        if (certs.size() != 1) {
            throw new IllegalArgumentException(file + ": holds " + certs.size() + " certificates; give one");
        }
        return certs.get(0);
    }

    /** The registered issuer that signed {@code cert}. */
    static Issuer issuerOf(SourceAdmin source, X509CertificateHolder cert, Path file) {
        for (HeldIssuer r : source.issuers()) {
            if (r.issuer().issued(cert)) {
                return r.issuer();
            }
        }
        throw new IllegalArgumentException(file + ": no registered issuer signed this certificate (issuer "
                + cert.getIssuer() + "); register its CA with 'issuer add' first");
    }
}
