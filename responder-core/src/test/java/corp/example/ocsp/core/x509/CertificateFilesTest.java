package corp.example.ocsp.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import corp.example.ocsp.core.x509.CertificateFileException.Problem;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {
    @TempDir
    Path dir;

    static Ca ca;
    static CertBundle leaf;

    @BeforeAll
    static void pki() {
        ca = TestPki.newRoot("Files Root").build();
        leaf = ca.issueLeaf("files.example").build();
    }

    @Test
    void pemBundle_yieldsItsCertificatesInOrder_skippingOtherBlocksAndText() throws Exception {
        Path file = dir.resolve("bundle.pem");
        Files.writeString(
                file,
                "subject=CN=Files Root\n" + CertBundle.pem(ca.certificate())
                        + Files.readString(leaf.writeKeyPem(dir.resolve("leaf.key"))) + "some text\n"
                        + CertBundle.pem(leaf.certificate()));

        assertThat(CertificateFiles.readPem(file)).containsExactly(ca.holder(), leaf.holder());
        assertThat(CertificateFiles.readPemOrDer(file)).containsExactly(ca.holder(), leaf.holder());
        assertThat(CertificateFiles.pemObjects(file)).hasSize(3);
    }

    @Test
    void derFile_isReadWhereDerIsAccepted_andHasNoPemBlock() throws Exception {
        Path file = Files.write(dir.resolve("leaf.der"), leaf.encoded());

        assertThat(CertificateFiles.readPemOrDer(file)).containsExactly(leaf.holder());
        assertProblem(() -> CertificateFiles.readPem(file), Problem.NO_CERTIFICATE);
    }

    @Test
    void missingFile_isNoSuchFile() {
        Path missing = dir.resolve("missing.pem");

        assertProblem(() -> CertificateFiles.readPem(missing), Problem.NO_SUCH_FILE);
        assertProblem(() -> CertificateFiles.pemObjects(missing), Problem.NO_SUCH_FILE);
    }

    @Test
    void fileWithoutCertificate_isNoCertificate() throws Exception {
        Path key = leaf.writeKeyPem(dir.resolve("only.key"));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertProblem(() -> CertificateFiles.readPemOrDer(key), Problem.NO_CERTIFICATE);
        assertProblem(() -> CertificateFiles.readPemOrDer(empty), Problem.NO_CERTIFICATE);
    }

    @Test
    void brokenPemBlock_isMalformedPem_countingTheCertificatesBeforeIt() throws Exception {
        Path file = Files.writeString(
                dir.resolve("broken.pem"),
                CertBundle.pem(ca.certificate())
                        + "-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n",
                StandardCharsets.US_ASCII);

        CertificateFileException e = assertProblem(() -> CertificateFiles.readPemOrDer(file), Problem.MALFORMED_PEM);
        assertThat(e.certificatesRead()).isEqualTo(1);
        assertThat(e.detail()).isNotEmpty();
    }

    @Test
    void garbageStartingLikeDer_isNotDer() throws Exception {
        Path file = Files.write(dir.resolve("bad.der"), new byte[] {0x30, 0x03, 0x02, 0x01});

        assertProblem(() -> CertificateFiles.readPemOrDer(file), Problem.NOT_DER);
    }

    private interface Read {
        Object run() throws CertificateFileException;
    }

    private static CertificateFileException assertProblem(Read read, Problem problem) {
        Throwable thrown = catchThrowable(read::run);
        assertThat(thrown).isInstanceOf(CertificateFileException.class);
        CertificateFileException e = (CertificateFileException) thrown;
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        return e;
    }
}
