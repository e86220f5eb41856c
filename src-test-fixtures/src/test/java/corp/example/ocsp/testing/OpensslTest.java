package corp.example.ocsp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpensslTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void requireOpenssl() {
        assumeTrue(Openssl.available(), "openssl is not installed");
    }

    @Test
    void run_capturesStdoutWithExitCodeZero() {
        Openssl.Result result = Openssl.run(dir, "version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("OpenSSL ");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.command()).containsExactly("openssl", "version");
        assertThat(result.assertSuccess()).isSameAs(result);
    }

    @Test
    void run_keepsStderrSeparateAndReportsFailure() {
        Openssl.Result result = Openssl.run(dir, "x509", "-in", "missing.pem", "-noout");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("missing.pem");
        assertThat(result.output()).isEqualTo(result.stdout() + result.stderr());
    }

    @Test
    void assertSuccess_onFailureNamesCommandExitCodeAndOutput() {
        Openssl.Result result = Openssl.run(dir, "x509", "-in", "missing.pem", "-noout");

        assertThatThrownBy(result::assertSuccess)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("openssl x509 -in missing.pem -noout")
                .hasMessageContaining("exited with " + result.exitCode())
                .hasMessageContaining(result.stderr().strip());
    }

    @Test
    void run_feedsStdinBytes() {
        byte[] input = {0, 1, 2, (byte) 0xff, 'a'};

        Openssl.Result result = Openssl.run(dir, input, "base64", "-A").assertSuccess();

        assertThat(result.stdout().strip()).isEqualTo(Base64.getEncoder().encodeToString(input));
    }

    @Test
    void run_resolvesRelativePathsInWorkDir() throws Exception {
        Openssl.run(dir, "rand", "-out", "random.bin", "48").assertSuccess();

        assertThat(Files.size(dir.resolve("random.bin"))).isEqualTo(48);
    }

    @Test
    void run_megabytesOfOutputDoNotDeadlock() {
        Openssl.Result result = Openssl.run(dir, "rand", "-hex", "1500000").assertSuccess();

        assertThat(result.stdout().strip()).hasSize(3_000_000).matches("[0-9a-f]+");
    }

    @Test
    void run_stdinIsEmptyByDefaultSoReadersSeeEndOfInput() {
        Openssl.Result result = Openssl.run(dir, "base64").assertSuccess();

        assertThat(result.stdout()).isEmpty();
    }
}
