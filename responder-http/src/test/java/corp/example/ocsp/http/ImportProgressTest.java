package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.http.ServeEndToEndTest.Run;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cert import} and {@code db migrate} show progress with {@code --progress}, and nothing when
 * not on a terminal or with {@code --quiet}.
 */
class ImportProgressTest {
    private static final int LINES = 2500;

    @TempDir
    static Path dir;

    private static TestDatabase db;
    private static String config;
    private static String index;

    @BeforeAll
    static void setUp() throws Exception {
        db = PostgresFixture.newDatabase();
        Ca ca = TestPki.newRoot("Progress CA").build();
        ca.writeCertPem(dir.resolve("issuing-ca.pem"));
        CertBundle signer = ca.issueOcspSigner("Progress OCSP").build();
        signer.writeCertPem(dir.resolve("responder.pem"));
        signer.writeKeyPem(dir.resolve("responder.key"));
        config = TestConfigs.issuingResponder(dir, db, "").toString();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            lines.append(String.format("V\t301231235959Z\t\t%04X\tunknown\t/CN=leaf%d%n", i, i));
        }
        index = Files.writeString(dir.resolve("index.txt"), lines).toString();
        assertThat(ServeEndToEndTest.cli("db", "migrate", "--config", config).exit())
                .isZero();
        assertThat(ServeEndToEndTest.cli(
                                "issuer",
                                "add",
                                "--config",
                                config,
                                "--label",
                                "issuing-ca",
                                "--cert",
                                dir.resolve("issuing-ca.pem").toString())
                        .exit())
                .isZero();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void migrate_withProgress_countsTheMigrations_onStandardError() throws Exception {
        Path freshDir = Files.createDirectories(dir.resolve("fresh"));
        for (String f : new String[] {"issuing-ca.pem", "responder.pem", "responder.key"}) {
            Files.copy(dir.resolve(f), freshDir.resolve(f));
        }
        try (TestDatabase fresh = PostgresFixture.newDatabase()) {
            String yaml = TestConfigs.issuingResponder(freshDir, fresh, "").toString();
            Run r = ServeEndToEndTest.cli("db", "migrate", "--config", yaml, "--progress");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err())
                    .startsWith("\rmigrating: 1 / 2 (")
                    .containsPattern("\\rmigrating: 2 / 2 \\([\\d,]+/s, done\\)\\R$");
            assertThat(r.out()).startsWith("schema is up to date at ").hasLineCount(1);

            Run again = ServeEndToEndTest.cli("db", "migrate", "--config", yaml, "--progress");
            assertThat(again.err()).matches("\\rmigrating: 0 / 0 \\([\\d,]+/s, done\\)\\R");
            assertThat(ServeEndToEndTest.cli("db", "migrate", "--config", yaml).err())
                    .isEmpty();
        }
    }

    private static Run importing(String... flags) {
        String[] base = {"cert", "import", "--config", config, "--issuer", "issuing-ca", "--openssl-index"};
        String[] all = new String[base.length + 1 + flags.length];
        System.arraycopy(base, 0, all, 0, base.length);
        all[base.length] = index;
        System.arraycopy(flags, 0, all, base.length + 1, flags.length);
        return ServeEndToEndTest.cli(all);
    }

    @Test
    void withProgress_countRateAndEnd_onStandardError_resultOnStandardOutput() {
        Run r = importing("--progress");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err())
                .startsWith("\rimporting " + index + ": ")
                .containsPattern("\\rimporting \\S+: 2,500 / 2,500 \\([\\d,]+/s, done\\)\\R$");
        assertThat(r.out())
                .startsWith("issuing-ca: ")
                .contains(" from " + index)
                .hasLineCount(1);
    }

    @Test
    void notOnATerminal_orQuiet_staysQuiet() {
        Run auto = importing();
        Run quiet = importing("--quiet");
        Run both = importing("--quiet", "--progress");

        assertThat(auto.exit()).isZero();
        assertThat(auto.err()).isEmpty();
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(both.exit()).isEqualTo(1);
        assertThat(both.err()).isEqualTo("error: --progress and --quiet: give one of them\n");
    }
}
