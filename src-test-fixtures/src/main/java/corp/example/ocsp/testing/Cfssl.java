package corp.example.ocsp.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real {@code cfssl} binary (Debian's golang-cfssl, installed by {@code
 * scripts/install-test-deps}) as {@link Openssl} runs openssl: output to files, killed after
 * {@link Openssl#TIMEOUT_SECONDS}.
 */
public final class Cfssl {
    private Cfssl() {}

    /** Runs {@code cfssl args…} in {@code workDir}. */
    public static Openssl.Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("cfssl");
        command.addAll(List.of(args));
        return Openssl.exec(command, workDir, new byte[0]);
    }

    /** Whether a {@code cfssl} binary can be started. */
    public static boolean available() {
        try {
            return run(Path.of("."), "version").exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
