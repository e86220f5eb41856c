package corp.example.ocsp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A real SoftHSM2 token store for PKCS#11 tests, made once per test JVM in the directory {@code
 * SOFTHSM2_CONF} names (the build sets it: SoftHSM2 reads it when the module is first loaded, and
 * lists only the tokens that existed then, so every token and key is made before any test loads
 * the module). Tokens {@value #TOKEN} and {@value #SPARE}, user PIN {@value #PIN}; on {@value
 * #TOKEN}, made with {@code pkcs11-tool --keypairgen} (no certificate beside them): {@link Key}.
 * Guard tests with {@code assumeTrue(SoftHsm.unavailableBecause().isEmpty(), ...)}.
 */
public final class SoftHsm {
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String TOKEN = "ocsp";
    public static final String SPARE = "spare";
    /** A token for fault tests, with the key {@code p256} (id 01): its key may be deleted by {@link #deleteKey}. */
    public static final String FAULT = "fault";

    /**
     * An empty token whose PIN, {@value #SECRET_PIN}, appears nowhere else, for tests that look for
     * it in logs. Tokens are made before any test: the JDK initialises a module once per process and
     * SoftHSM2 sees only the tokens there were then (objects imported later are seen).
     */
    public static final String SECRET = "secrets";

    public static final String SECRET_PIN = "hsm-pin-P4w";

    /** An empty token (PIN {@value #PIN}) for keys a test imports ({@link #importKey}). */
    public static final String IMPORTS = "imports";

    public static final String PIN = "1234";
    private static final String SO_PIN = "5678";
    private static final Object LOCK = new Object();
    private static Optional<String> problem;

    /** The keys on {@value #TOKEN}: CKA_LABEL, CKA_ID (hex), and pkcs11-tool's key type. */
    public enum Key {
        P256("p256", "01", "EC:prime256v1"),
        P384("p384", "02", "EC:secp384r1"),
        RSA("rsa", "03", "rsa:2048"),
        P256_NEXT("p256-next", "04", "EC:prime256v1"),
        ED25519("ed25519", "05", "EC:edwards25519");

        public final String label;
        public final String id;
        final String type;

        Key(String label, String id, String type) {
            this.label = label;
            this.id = id;
            this.type = type;
        }
    }

    private SoftHsm() {}

    /** Why the token store cannot be used here (no softhsm2, pkcs11-tool or SOFTHSM2_CONF), or empty when it is ready. */
    public static Optional<String> unavailableBecause() {
        synchronized (LOCK) {
            if (problem == null) {
                problem = setUp();
            }
            return problem;
        }
    }

    private static Optional<String> setUp() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            return Optional.of("SOFTHSM2_CONF is not set (the build sets it for tests)");
        }
        if (!Files.isRegularFile(MODULE)) {
            return Optional.of(MODULE + " is missing: run scripts/install-test-deps (Debian softhsm2)");
        }
        try {
            Path dir = Path.of(conf).toAbsolutePath().getParent();
            Path tokens = dir.resolve("tokens");
            deleteTree(tokens);
            Files.createDirectories(tokens);
            Files.writeString(
                    Path.of(conf),
                    "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                    StandardCharsets.UTF_8);
            for (String label : List.of(TOKEN, SPARE, FAULT)) {
                run("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin", PIN);
            }
            run("softhsm2-util", "--init-token", "--free", "--label", SECRET, "--so-pin", SO_PIN, "--pin", SECRET_PIN);
            run("softhsm2-util", "--init-token", "--free", "--label", IMPORTS, "--so-pin", SO_PIN, "--pin", PIN);
            for (Key key : Key.values()) {
                tool(
                        "--login",
                        "--pin",
                        PIN,
                        "--keypairgen",
                        "--key-type",
                        key.type,
                        "--label",
                        key.label,
                        "--id",
                        key.id);
            }
            toolOn(
                    FAULT,
                    "--login",
                    "--pin",
                    PIN,
                    "--keypairgen",
                    "--key-type",
                    "EC:prime256v1",
                    "--label",
                    "p256",
                    "--id",
                    "01");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot make the SoftHSM2 tokens: " + e.getMessage());
        }
    }

    /** The public key of {@code key}, read from the token. */
    public static PublicKey publicKey(Key key) {
        return publicKey(TOKEN, key);
    }

    /** The public key of {@code key}'s id on the token {@code token}, read from it. */
    public static PublicKey publicKey(String token, Key key) {
        try {
            byte[] der = key == Key.RSA ? rsaPublicKey(key) : ecPublicKey(token, key);
            String algorithm = key == Key.RSA ? "RSA" : "EC";
            return KeyFactory.getInstance(algorithm, corp.example.ocsp.testing.pki.TestPki.provider())
                    .generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the public key of " + key, e);
        }
    }

    private static byte[] rsaPublicKey(Key key) throws IOException {
        Path out = Files.createTempFile("softhsm-pub", ".der");
        tool("--read-object", "--type", "pubkey", "--id", key.id, "-o", out.toString());
        byte[] der = Files.readAllBytes(out);
        Files.delete(out);
        return der;
    }

    /** From pkcs11-tool's listing (its --read-object fails for P-384 keys with OpenSSL 3.0). */
    private static byte[] ecPublicKey(String token, Key key) throws IOException {
        String point = null;
        String params = null;
        for (String block : toolOn(token, "--list-objects", "--type", "pubkey").split("Public Key Object")) {
            if (block.contains("ID:         " + key.id + "\n") || block.contains("ID:         " + key.id + "\r")) {
                for (String line : block.lines().map(String::trim).toList()) {
                    if (line.startsWith("EC_POINT:")) {
                        point = line.substring("EC_POINT:".length()).trim();
                    } else if (line.startsWith("EC_PARAMS:")) {
                        params = line.substring("EC_PARAMS:".length()).trim();
                    }
                }
            }
        }
        if (point == null || params == null) {
            throw new IOException("pkcs11-tool lists no EC public key with id " + key.id);
        }
        HexFormat hex = HexFormat.of();
        byte[] octets = ASN1OctetString.getInstance(hex.parseHex(point)).getOctets();
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(hex.parseHex(params));
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), octets)
                .getEncoded();
    }

    /** Runs pkcs11-tool on {@value #TOKEN} with {@code args}. */
    public static String tool(String... args) throws IOException {
        return toolOn(TOKEN, args);
    }

    /**
     * Deletes the private key with CKA_ID {@code idHex} from the token {@code token}, from another
     * process, as an operator or a failing HSM would while the responder signs with it.
     */
    public static void deleteKey(String token, String idHex) throws IOException {
        toolOn(token, "--login", "--pin", PIN, "--delete-object", "--type", "privkey", "--id", idHex);
    }

    /**
     * Imports an unencrypted PKCS#8 PEM private key (and its public key) onto the token {@code
     * token}, whose user PIN is {@code pin}, with CKA_LABEL {@code label} and CKA_ID {@code idHex}, as
     * an operator moving a file key into an HSM would ({@code softhsm2-util --import}); no
     * certificate is written beside it.
     */
    public static void importKey(String token, String pin, Path pkcs8, String label, String idHex) throws IOException {
        run(
                "softhsm2-util",
                "--import",
                pkcs8.toString(),
                "--token",
                token,
                "--label",
                label,
                "--id",
                idHex,
                "--pin",
                pin);
    }

    /** Runs pkcs11-tool on the token {@code token} with {@code args}. */
    public static String toolOn(String token, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("pkcs11-tool", "--module", MODULE.toString(), "--token-label", token));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws IOException {
        Path out = Files.createTempFile("softhsm-run", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(Openssl.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
