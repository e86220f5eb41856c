package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.SoftHsm;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The start-up summary says what runs, in readable lines, and no configured secret (database
 * password, a password in the JDBC URL, a PKCS#12 password, a PKCS#11 PIN) appears in any log line
 * or error message, while the store is unreachable and when a signer cannot be opened.
 */
class NoSecretsInLogsTest {
    private static final List<String> SECRETS = List.of("db-pass-Q7x", "url-pass-Z9y", "p12-pass-K3z");
    private static final String HSM_PIN = SoftHsm.SECRET_PIN;
    private static final String WRONG_HSM_PIN = "hsm-pin-W8q";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private ch.qos.logback.classic.Level level;

    @BeforeEach
    void capture() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.INFO); // admin commands run earlier in this JVM quiet it
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        root.setLevel(level);
    }

    private Path config(String p12Password) throws Exception {
        Ca ca = TestPki.newRoot("Secrets CA").build();
        ca.writeCertPem(dir.resolve("ca.pem"));
        CertBundle signer = ca.issueOcspSigner("Secrets OCSP").build();
        signer.writePkcs12(dir.resolve("signer.p12"), "p12-pass-K3z".toCharArray());
        return Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: jdbc:postgresql://127.0.0.1:1/ocsp?password=url-pass-Z9y
                  user: ocsp
                  password: '${DB_PASSWORD}'
                admin:
                  listen: 127.0.0.1:0
                responders:
                  - name: secrets
                    listen: 127.0.0.1:0
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer:
                          pkcs12: signer.p12
                          password: '%s'
                """.formatted(p12Password));
    }

    /** A configuration whose signer's key is on a SoftHSM2 token with the PIN {@link SoftHsm#SECRET_PIN}. */
    private Path tokenConfig(String pinGiven, String keyId) throws Exception {
        Ca ca = TestPki.newRoot("Secrets Token CA").build();
        ca.writeCertPem(dir.resolve("ca.pem"));
        CertBundle signer = ca.issueOcspSigner("Secrets Token OCSP").build();
        signer.writeCertPem(dir.resolve("signer.pem"));
        String key = "secrets-" + System.nanoTime();
        SoftHsm.importKey(SoftHsm.SECRET, HSM_PIN, signer.writeKeyPem(dir.resolve("signer.key")), key, keyId);
        Files.delete(dir.resolve("signer.key"));
        return Files.writeString(
                dir.resolve("responder.yaml"), """
                database:
                  url: jdbc:postgresql://127.0.0.1:1/ocsp
                admin:
                  listen: 127.0.0.1:0
                responders:
                  - name: secrets
                    listen: 127.0.0.1:0
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer:
                          certificate: signer.pem
                          pkcs11: {library: %s, token: %s, key: %s, pin: '%s'}
                """.formatted(SoftHsm.MODULE, SoftHsm.SECRET, key, pinGiven));
    }

    @Test
    void aSignerOnAToken_neverShowsItsPin_whenThePinIsWrong_orWhenServing() throws Exception {
        assumeTrue(
                SoftHsm.unavailableBecause().isEmpty(),
                "NOT RUN: " + SoftHsm.unavailableBecause().orElse(""));
        // the wrong PIN first: once a process is logged in to a token, PKCS#11 keeps it logged in
        Path wrong = tokenConfig(WRONG_HSM_PIN, "5e");
        assertThatThrownBy(() -> ResponderApp.start(ConfigFile.load(wrong, Map.of()), Clock.systemUTC()))
                .hasMessageContaining("wrong PIN")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .doesNotContain(WRONG_HSM_PIN)
                                .doesNotContain(HSM_PIN);
                    }
                });

        Path file = tokenConfig("${HSM_PIN}", "5f");
        try (ResponderApp app =
                ResponderApp.start(ConfigFile.load(file, Map.of("HSM_PIN", HSM_PIN)), Clock.systemUTC())) {
            awaitTheUnreachableStoreLogged();
        }
        assertThat(lines()).anySatisfy(l -> assertThat(l).contains("PKCS#11 token"));
        assertThat(lines()).noneMatch(l -> l.contains(HSM_PIN) || l.contains(WRONG_HSM_PIN));
    }

    private void awaitTheUnreachableStoreLogged() throws Exception {
        Await.until(
                Duration.ofSeconds(30),
                "the unreachable store logged",
                () -> lines().stream().anyMatch(l -> l.startsWith("status store unreachable")));
    }

    private List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(captured.list)) {
            out.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                out.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return out;
    }

    @Test
    void runningWithTheStoreUnreachable_logsReadableSummaries_andNoSecret() throws Exception {
        Path file = config("p12-pass-K3z");
        try (ResponderApp app =
                ResponderApp.start(ConfigFile.load(file, Map.of("DB_PASSWORD", "db-pass-Q7x")), Clock.systemUTC())) {
            awaitTheUnreachableStoreLogged();
        }

        List<String> lines = lines();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("configuration " + file + ": status source PostgreSQL"
                                + " jdbc:postgresql://127.0.0.1:1/ocsp?password=**** as ocsp (password=****, pool"))
                .anySatisfy(
                        l -> assertThat(l)
                                .matches(
                                        "server: event loops half the CPUs, signing threads \\d+ \\(queue 1000\\), signing provider auto, cache on, admin listener .*"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("responder secrets: listening on /127.0.0.1:0 path /, validity 4d, nonce echo"))
                .anySatisfy(l -> assertThat(l).contains("status store unreachable: cannot reach"));
        assertThat(lines).noneMatch(l -> l.contains("PostgresStoreConfig[") || l.contains("Server["));
        for (String secret : SECRETS) {
            assertThat(lines).as("lines with " + secret).noneMatch(l -> l.contains(secret));
        }
    }

    @Test
    void aSignerThatCannotBeOpened_isRefusedWithoutSayingThePassword() throws Exception {
        Path file = config("wrong-p12-pass-W1");

        assertThatThrownBy(() -> ResponderApp.start(
                        ConfigFile.load(file, Map.of("DB_PASSWORD", "db-pass-Q7x")), Clock.systemUTC()))
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .doesNotContain("wrong-p12-pass-W1")
                                .doesNotContain("db-pass-Q7x")
                                .doesNotContain("url-pass-Z9y");
                    }
                });
        assertThat(lines()).noneMatch(l -> l.contains("wrong-p12-pass-W1") || l.contains("db-pass-Q7x"));
    }
}
