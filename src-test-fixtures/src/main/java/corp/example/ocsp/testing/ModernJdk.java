package corp.example.ocsp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK of release 24 or later installed beside the one running the tests, whose own {@code
 * Signature} (provider SUN) verifies ML-DSA, which JDK 17 cannot. Found at {@code
 * OCSP_TEST_MODERN_JDK} (a JDK home) if set, else the newest JDK 24+ under {@code /usr/lib/jvm},
 * else the running JDK when it is 24+. Guard tests with {@code assumeTrue(found.isPresent(), ...)}
 * so that a machine without one reports the check as not run.
 */
public final class ModernJdk {
    /** The first release whose JDK verifies ML-DSA (JEP 497). */
    public static final int MIN_FEATURE = 24;

    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final String VERIFIER = """
            import java.io.InputStream;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.security.Signature;
            import java.security.cert.CertificateFactory;
            import java.security.cert.X509Certificate;

            public class JdkVerify {
                public static void main(String[] a) throws Exception {
                    X509Certificate c;
                    try (InputStream in = Files.newInputStream(Path.of(a[0]))) {
                        c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                    }
                    for (int i = 2; i + 1 < a.length; i += 2) {
                        Signature s = Signature.getInstance(a[1]);
                        s.initVerify(c.getPublicKey());
                        s.update(Files.readAllBytes(Path.of(a[i])));
                        boolean ok = s.verify(Files.readAllBytes(Path.of(a[i + 1])));
                        System.out.println(ok + " " + s.getProvider().getName() + " " + System.getProperty("java.version"));
                    }
                }
            }
            """;

    private final Path home;
    private final int feature;

    private ModernJdk(Path home, int feature) {
        this.home = home;
        this.feature = feature;
    }

    /** The JDK 24+ to verify with, or empty when this machine has none. */
    public static Optional<ModernJdk> find() {
        String configured = System.getenv("OCSP_TEST_MODERN_JDK");
        if (configured != null && !configured.isBlank()) {
            return at(Path.of(configured));
        }
        Optional<ModernJdk> newest = Optional.empty();
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path h : homes.sorted().toList()) {
                Optional<ModernJdk> jdk = at(h);
                if (jdk.isPresent()
                        && newest.map(n -> n.feature < jdk.get().feature).orElse(true)) {
                    newest = jdk;
                }
            }
        } catch (IOException e) {
            // no /usr/lib/jvm: only the running JDK is left
        }
        if (newest.isEmpty() && Runtime.version().feature() >= MIN_FEATURE) {
            newest = Optional.of(new ModernJdk(
                    Path.of(System.getProperty("java.home")), Runtime.version().feature()));
        }
        return newest;
    }

    private static Optional<ModernJdk> at(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            if (m.find()
                    && Files.isExecutable(home.resolve("bin/java"))
                    && Integer.parseInt(m.group(1)) >= MIN_FEATURE) {
                return Optional.of(new ModernJdk(home, Integer.parseInt(m.group(1))));
            }
        } catch (IOException e) {
            // not a JDK home
        }
        return Optional.empty();
    }

    public Path home() {
        return home;
    }

    /** The JDK's feature release, e.g. 25. */
    public int feature() {
        return feature;
    }

    /**
     * Verifies each {@code signed} item with this JDK's default {@code Signature} for {@code
     * algorithm} (a name or an OID) and the public key of {@code certificateDer}, in a process of
     * this JDK. One line per item: {@code true|false <provider> <java.version>}.
     */
    public List<String> verify(Path workDir, byte[] certificateDer, String algorithm, List<Signed> signed) {
        try {
            Path dir = Files.createTempDirectory(workDir, "jdk-verify");
            Path source = Files.writeString(dir.resolve("JdkVerify.java"), VERIFIER, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin/java").toString(),
                    source.toString(),
                    Files.write(dir.resolve("signer.der"), certificateDer).toString(),
                    algorithm));
            for (int i = 0; i < signed.size(); i++) {
                command.add(Files.write(dir.resolve(i + ".data"), signed.get(i).data())
                        .toString());
                command.add(Files.write(dir.resolve(i + ".sig"), signed.get(i).signature())
                        .toString());
            }
            Path out = dir.resolve("out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(Openssl.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            deleteQuietly(dir);
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        "JDK " + feature + " verifier exited with " + process.exitValue() + ":\n" + output);
            }
            return output.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the JDK " + feature + " verifier in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running the JDK " + feature + " verifier", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }

    /** Data and the signature over it. */
    public record Signed(byte[] data, byte[] signature) {}

    @Override
    public String toString() {
        return "JDK " + feature + " at " + home;
    }
}
