package corp.example.ocsp.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.core.x509.CertificateFiles;
import corp.example.ocsp.testing.SoftHsm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code csr} without {@code --pin-file}: the PIN comes from OCSP_HSM_PIN, or the command says how to give it. */
class CsrCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void token() {
        assumeTrue(
                SoftHsm.unavailableBecause().isEmpty(),
                "NOT RUN: " + SoftHsm.unavailableBecause().orElse(""));
    }

    private int run(Map<String, String> environment, StringWriter err) {
        CsrCommand command = new CsrCommand();
        command.environment = environment;
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(
                "--pkcs11-library",
                SoftHsm.MODULE.toString(),
                "--token",
                SoftHsm.TOKEN,
                "--id",
                SoftHsm.Key.P256.id,
                "--subject",
                "CN=From The Environment",
                "--out",
                dir.resolve("r.csr").toString());
    }

    @Test
    void pinFromTheEnvironment_signsTheRequestOnTheToken() throws Exception {
        StringWriter err = new StringWriter();

        assertThat(run(Map.of(CsrCommand.PIN_VARIABLE, SoftHsm.PIN), err))
                .as(err.toString())
                .isZero();
        PKCS10CertificationRequest csr = (PKCS10CertificationRequest)
                CertificateFiles.pemObjects(dir.resolve("r.csr")).get(0);
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded())
                .isEqualTo(SoftHsm.publicKey(SoftHsm.Key.P256).getEncoded());
    }

    @Test
    void noPinFileAndNoVariable_saysHowToGiveThePin() {
        StringWriter err = new StringWriter();

        assertThat(run(Map.of(), err)).isEqualTo(2);
        assertThat(err.toString())
                .contains("give the user PIN with --pin-file or in the environment variable OCSP_HSM_PIN");
        assertThat(dir.resolve("r.csr")).doesNotExist();
    }
}
