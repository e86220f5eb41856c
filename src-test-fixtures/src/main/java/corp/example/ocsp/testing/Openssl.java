package corp.example.ocsp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real {@code openssl} binary (found on the {@code PATH}) for interoperability tests.
 *
 * <p>Standard output and standard error go to temporary files, so a command that writes a lot to
 * either stream cannot block, and each is returned separately. Standard input is empty unless
 * bytes are given. A command that runs longer than {@link #TIMEOUT_SECONDS} is killed and the
 * call throws {@link AssertionError}. Guard tests with
 * {@code assumeTrue(Openssl.available())}.
 */
public final class Openssl {

    /** How long a command may run before it is killed. */
    public static final long TIMEOUT_SECONDS = 60;

    private static volatile Boolean available;

    private Openssl() {}

    /** Whether an {@code openssl} binary can be started; checked once per JVM. */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
        }
        return known;
    }

    private static boolean probe() {
        try {
            Process process = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code openssl args…} in {@code workDir} with empty standard input. */
    public static Result run(Path workDir, String... args) {
        return run(workDir, new byte[0], args);
    }

    /** Runs {@code openssl args…} in {@code workDir}, with {@code stdin} as its standard input. */
    public static Result run(Path workDir, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("openssl");
        command.addAll(List.of(args));
        return exec(command, workDir, stdin);
    }

    /** Runs {@code command} (another tool's, e.g. {@link Cfssl}'s) as {@link #run} runs openssl. */
    static Result exec(List<String> command, Path workDir, byte[] stdin) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("openssl-run");
            Path in = Files.write(scratch.resolve("stdin"), stdin);
            Path out = scratch.resolve("stdout");
            Path err = scratch.resolve("stderr");
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " timed out after " + TIMEOUT_SECONDS
                        + " s; output so far:\n" + Files.readString(out, StandardCharsets.UTF_8)
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    command);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }

    /**
     * The outcome of one command.
     *
     * @param exitCode the process exit status
     * @param stdout everything written to standard output, decoded as UTF-8
     * @param stderr everything written to standard error, decoded as UTF-8
     * @param command the command line that was run, {@code openssl} first (empty when unknown)
     */
    public record Result(int exitCode, String stdout, String stderr, List<String> command) {

        public Result {
            command = List.copyOf(command);
        }

        /** A result without a recorded command line. */
        public Result(int exitCode, String stdout, String stderr) {
            this(exitCode, stdout, stderr, List.of());
        }

        /** Standard output followed by standard error. */
        public String output() {
            return stdout + stderr;
        }

        /**
         * Returns this result if the exit code is 0.
         *
         * @throws AssertionError naming the command, its exit code and both outputs otherwise
         */
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + "\n--- stdout ---\n"
                        + stdout + "\n--- stderr ---\n" + stderr);
            }
            return this;
        }
    }
}
