package corp.example.ocsp.http.cli;

import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.x509.CertificateFileException;
import corp.example.ocsp.core.x509.CertificateFiles;
import corp.example.ocsp.http.check.CheckResult;
import corp.example.ocsp.http.check.CheckSettings;
import corp.example.ocsp.http.check.CheckState;
import corp.example.ocsp.http.check.OcspCheck;
import corp.example.ocsp.http.config.Section;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check}: a Nagios/Icinga plugin for any OCSP responder. One line with performance data;
 * exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (bad arguments or files included).
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Ask an OCSP responder (this one or any other) about one certificate and judge the answer as a"
                    + " Nagios/Icinga plugin: verified signature and responder authorization, expected status,"
                    + " nextUpdate margin.",
            "Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; one line, e.g."
                    + " OCSP OK - good, nextUpdate in 3d 11h | time=0.004s;;;0 next_update=300000s;86400;14400"
        })
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "the responder's URL")
    URI url;

    @Option(
            names = "--issuer",
            required = true,
            paramLabel = "FILE",
            description = "the CA certificate (PEM or DER) of the certificate asked about")
    Path issuer;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--cert", paramLabel = "FILE", description = "the certificate to ask about (PEM or DER)")
        Path cert;

        @Option(names = "--serial", paramLabel = "HEX", description = "its serial number in hex")
        String serial;
    }

    @Option(
            names = "--expect",
            paramLabel = "STATUS",
            defaultValue = "good",
            description = "the status that is OK: good, revoked or unknown (default: ${DEFAULT-VALUE})")
    String expect;

    @Option(
            names = "--warn-next-update",
            paramLabel = "DURATION",
            defaultValue = "24h",
            description = "WARNING when nextUpdate is nearer than this (default: ${DEFAULT-VALUE})")
    String warn;

    @Option(
            names = "--crit-next-update",
            paramLabel = "DURATION",
            defaultValue = "4h",
            description = "CRITICAL when nextUpdate is nearer than this (default: ${DEFAULT-VALUE})")
    String crit;

    @Option(names = "--nonce", description = "send a nonce; CRITICAL if another is echoed, WARNING if none")
    boolean nonce;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "for connecting and for the whole answer; CRITICAL past it (default: ${DEFAULT-VALUE})")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Main.quietLogs();
        CheckResult result;
        try {
            result = OcspCheck.run(settings(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            result = new CheckResult(
                    CheckState.UNKNOWN,
                    e.getMessage(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    new CheckResult.Thresholds(Duration.ZERO, Duration.ZERO));
        }
        spec.commandLine().getOut().println(result.line());
        return result.state().exitCode();
    }

    private CheckSettings settings() {
        Duration w = duration("--warn-next-update", warn);
        Duration c = duration("--crit-next-update", crit);
        if (w.compareTo(c) < 0) {
            throw new IllegalArgumentException(
                    "--warn-next-update " + warn + " is shorter than --crit-next-update " + crit);
        }
        Duration t = duration("--timeout", timeout);
        if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("--timeout must be more than 0, got " + timeout);
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("--url " + url + " is not an http:// or https:// URL");
        }
        CheckSettings.Expect e;
        try {
            e = CheckSettings.Expect.valueOf(expect.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("--expect " + expect + ": use good, revoked or unknown");
        }
        X509CertificateHolder ca = single("--issuer", issuer);
        BigInteger serial;
        if (which.cert != null) {
            X509CertificateHolder leaf = single("--cert", which.cert);
            if (!leaf.getIssuer().equals(ca.getSubject())) {
                throw new IllegalArgumentException("--cert " + which.cert + " was issued by " + leaf.getIssuer()
                        + ", not by --issuer " + issuer + " (" + ca.getSubject() + ")");
            }
            serial = leaf.getSerialNumber();
        } else {
            try {
                serial = SerialNumbers.parseHex(which.serial);
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException("--serial " + which.serial + ": " + bad.getMessage());
            }
        }
        return new CheckSettings(url, ca, serial, e, new CheckResult.Thresholds(w, c), nonce, t);
    }

    private static Duration duration(String option, String text) {
        return Section.parseDuration(text)
                .orElseThrow(() ->
                        new IllegalArgumentException(option + " " + text + " is not a duration (e.g. 24h, 30m, 5s)"));
    }

    private static X509CertificateHolder single(String option, Path file) {
        try {
            List<X509CertificateHolder> certs = CertificateFiles.readPemOrDer(file);
            if (certs.size() != 1) {
                throw new IllegalArgumentException(
                        option + " " + file + " holds " + certs.size() + " certificates; give exactly one");
            }
            return certs.get(0);
        } catch (CertificateFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage());
        }
    }

    /** picocli's usage errors as the plugin's UNKNOWN line and exit code. */
    static int usageError(CommandLine.ParameterException e) {
        e.getCommandLine()
                .getOut()
                .println("OCSP UNKNOWN - " + Main.oneLine(e) + " (see "
                        + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
        return CheckState.UNKNOWN.exitCode();
    }
}
