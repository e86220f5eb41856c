package corp.example.ocsp.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate-completion} prints a bash completion script that bash loads and that completes the commands. */
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void generatedScript_loadsInBash_andCompletesCommandsAndOptions() throws Exception {
        StringWriter out = new StringWriter();
        int exit =
                Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "generate-completion");
        assertThat(exit).isZero();
        Path script = Files.writeString(dir.resolve("ocsp-responder-completion.bash"), out.toString());

        // complete "ocsp-responder ch" (check, check-crl) and "ocsp-responder check --ti" as bash would
        String probe = String.join(
                "\n",
                "source " + script,
                "probe() { COMP_WORDS=($2); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$2\";"
                        + " _complete_ocsp-responder; echo \"$1:${COMPREPLY[*]}\"; }",
                "probe 1 'ocsp-responder ch'",
                "probe 2 'ocsp-responder check --ti'",
                "probe 3 'ocsp-responder audit l'");
        Process p = new ProcessBuilder("bash", "-c", probe)
                .redirectErrorStream(true)
                .start();
        String result = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(result)
                .as(result)
                .contains("1:check check-crl\n")
                .contains("2:--timeout\n")
                .contains("3:list\n");
    }
}
