package corp.example.ocsp.http.cli;

import corp.example.ocsp.core.signing.pkcs11.Pkcs11Key;
import corp.example.ocsp.core.signing.pkcs11.TokenCsr;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code csr}: a PKCS#10 request signed by a key on a PKCS#11 token, for the CA to certify. */
@Command(
        name = "csr",
        mixinStandardHelpOptions = true,
        description = "Write a PKCS#10 certificate request (PEM) signed on a PKCS#11 token by the responder key there"
                + " (e.g. one made by pkcs11-tool --keypairgen), for the CA to sign with the OCSP-signing profile.")
final class CsrCommand implements Callable<Integer> {
    static final String PIN_VARIABLE = "OCSP_HSM_PIN";

    @Option(
            names = "--pkcs11-library",
            required = true,
            paramLabel = "FILE",
            description = "the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so")
    Path library;

    @Option(names = "--token", required = true, paramLabel = "LABEL", description = "the token's label")
    String token;

    @ArgGroup(exclusive = true, multiplicity = "1")
    KeyChoice key;

    static final class KeyChoice {
        @Option(names = "--key", paramLabel = "LABEL", description = "the key's label (CKA_LABEL)")
        String label;

        @Option(names = "--id", paramLabel = "HEX", description = "the key's CKA_ID in hex, e.g. 02")
        String id;
    }

    @Option(
            names = "--pin-file",
            paramLabel = "FILE",
            description = "a file holding the user PIN (one trailing newline ignored); without it, the PIN is read"
                    + " from the environment variable " + PIN_VARIABLE)
    Path pinFile;

    @Option(
            names = "--subject",
            required = true,
            paramLabel = "DN",
            description = "the subject, e.g. 'CN=OCSP Responder,O=Example'")
    String subject;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the request (PEM)")
    Path out;

    @Spec
    CommandSpec spec;

    /** Where {@value #PIN_VARIABLE} is read from: the process environment (a map in tests). */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        Main.quietLogs();
        X500Name name = subjectName();
        if (!Files.isRegularFile(library)) {
            throw new ParameterException(spec.commandLine(), "--pkcs11-library: no such PKCS#11 module " + library);
        }
        Pkcs11Key tokenKey = new Pkcs11Key(
                library,
                token,
                Optional.ofNullable(key.label),
                Optional.ofNullable(key.id).map(this::id),
                pin());
        PKCS10CertificationRequest csr = TokenCsr.create(
                tokenKey, name, pinFile != null ? "--pin-file " + pinFile : "the environment variable " + PIN_VARIABLE);
        write(csr);
        spec.commandLine()
                .getOut()
                .println("wrote " + out + ": a request for " + name + " signed on " + tokenKey.describe());
        return 0;
    }

    private X500Name subjectName() {
        try {
            return new X500Name(subject);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--subject '" + subject + "' is not a distinguished name: " + e.getMessage());
        }
    }

    private byte[] id(String hex) {
        try {
            return HexFormat.of().parseHex(hex.replace(":", ""));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--id '" + hex + "' is not hex (the CKA_ID, e.g. 02)");
        }
    }

    private char[] pin() {
        if (pinFile != null) {
            char[] pin;
            try {
                pin = Pkcs11Key.readPinFile(pinFile);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--pin-file: cannot read " + pinFile + ": " + e);
            }
            if (pin.length == 0) {
                throw new ParameterException(spec.commandLine(), "--pin-file: " + pinFile + " is empty");
            }
            return pin;
        }
        String env = environment.get(PIN_VARIABLE);
        if (env == null || env.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give the user PIN with --pin-file or in the environment variable " + PIN_VARIABLE);
        }
        return env.toCharArray();
    }

    /** Written whole or not at all: a temporary file beside {@code out}, then moved over it. */
    private void write(PKCS10CertificationRequest csr) throws IOException {
        StringWriter pem = new StringWriter();
        try (PemWriter w = new PemWriter(pem)) {
            w.writeObject(new PemObject("CERTIFICATE REQUEST", csr.getEncoded()));
        }
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".csr", ".tmp");
        try {
            Files.writeString(tmp, pem.toString(), StandardCharsets.US_ASCII);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
