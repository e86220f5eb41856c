package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.cli.Main;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: a YAML file, the admin commands, {@code serve}, and the real
 * {@code openssl ocsp} client over loopback, on a real PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeEndToEndTest {
    @TempDir
    static Path dir;

    private static TestDatabase db;
    private static ResponderApp app;
    private static String url;
    private static Path config;

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void start() throws Exception {
        assertThat(Openssl.available()).as("openssl is required").isTrue();
        db = PostgresFixture.newDatabase();
        Ca root = TestPki.newRoot("E2E Root CA").build();
        Ca issuing = root.issueIntermediate("E2E Issuing CA").build();
        issuing.writeCertPem(dir.resolve("issuing-ca.pem"));
        root.writeCertPem(dir.resolve("root-ca.pem"));
        CertBundle signer = issuing.issueOcspSigner("E2E OCSP").build();
        signer.writeCertPem(dir.resolve("responder.pem"));
        signer.writeKeyPem(dir.resolve("responder.key"));
        for (String name : new String[] {"good", "revoked", "unknown", "second", "held"}) {
            issuing.issueLeaf(name + ".example").build().writeCertPem(dir.resolve(name + ".pem"));
        }
        config = TestConfigs.issuingResponder(dir, db, "");
        String c = config.toString();
        assertThat(cli("db", "migrate", "--config", c).exit()).isZero();
        Run issuer = cli(
                "issuer",
                "add",
                "--config",
                c,
                "--label",
                "issuing-ca",
                "--cert",
                dir.resolve("issuing-ca.pem").toString());
        assertThat(issuer.exit()).as(issuer.err()).isZero();
        Run add = cli(
                "cert",
                "add",
                "--config",
                c,
                "--cert",
                dir.resolve("good.pem").toString(),
                dir.resolve("revoked.pem").toString(),
                dir.resolve("second.pem").toString(),
                dir.resolve("held.pem").toString());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("4 added");
        Run revoke = cli(
                "revoke", "--config", c, "--cert", dir.resolve("revoked.pem").toString(), "--reason", "keyCompromise");
        assertThat(revoke.exit()).as(revoke.err()).isZero();

        app = ResponderApp.start(ConfigFile.load(config), Clock.systemUTC());
        url = "http://127.0.0.1:" + app.addresses().get(0).getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /**
     * openssl's output once it contains {@code expected}: a change reaches the cached answers through
     * the change feed (within a second on an idle machine; the limit is generous for a loaded one).
     */
    private static String eventually(String expected, String... extra) throws Exception {
        return Await.until(
                Duration.ofSeconds(15),
                "openssl ocsp " + String.join(" ", extra) + " printing '" + expected + "'",
                () -> ocsp(extra),
                out -> out.contains(expected));
    }

    private static String ocsp(String... extra) {
        List<String> args =
                new ArrayList<>(List.of("ocsp", "-issuer", "issuing-ca.pem", "-url", url, "-CAfile", "root-ca.pem"));
        args.addAll(List.of(extra));
        return Openssl.run(dir, args.toArray(String[]::new)).output();
    }

    @Test
    @Order(1)
    void opensslWithItsDefaultNonce_seesGoodRevokedAndUnknown() {
        assertThat(ocsp("-cert", "good.pem"))
                .contains("Response verify OK")
                .contains("good.pem: good")
                .doesNotContain("WARNING")
                .doesNotContain("Nonce Verify error");
        assertThat(ocsp("-cert", "revoked.pem"))
                .contains("revoked.pem: revoked")
                .contains("Reason: keyCompromise");
        assertThat(ocsp("-cert", "unknown.pem")).contains("unknown.pem: unknown");
    }

    @Test
    @Order(2)
    void opensslWithoutNonceAndWithSha256_andTwoCertificates() {
        assertThat(ocsp("-no_nonce", "-cert", "good.pem"))
                .contains("good.pem: good")
                .doesNotContain("WARNING");
        assertThat(ocsp("-sha256", "-cert", "good.pem")).contains("good.pem: good");
        assertThat(ocsp("-cert", "good.pem", "-cert", "revoked.pem"))
                .contains("good.pem: good")
                .contains("revoked.pem: revoked")
                .doesNotContain("No Status found");
    }

    @Test
    @Order(3)
    void revocationThroughTheCommandLine_isAnsweredWithinASecond() throws Exception {
        assertThat(ocsp("-cert", "second.pem")).contains("second.pem: good");

        Run revoke = cli(
                "revoke",
                "--config",
                config.toString(),
                "--cert",
                dir.resolve("second.pem").toString(),
                "--reason",
                "superseded");

        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("revoked issuing-ca serial");
        assertThat(eventually("second.pem: revoked", "-cert", "second.pem"))
                .contains("second.pem: revoked")
                .contains("Reason: superseded");
    }

    @Test
    @Order(4)
    void holdAndRelease_throughTheCommandLine() throws Exception {
        String c = config.toString();
        String held = dir.resolve("held.pem").toString();
        assertThat(cli("revoke", "--config", c, "--cert", held, "--reason", "certificateHold")
                        .exit())
                .isZero();
        assertThat(eventually("held.pem: revoked", "-cert", "held.pem"))
                .contains("held.pem: revoked")
                .contains("certificateHold");

        assertThat(cli("unrevoke", "--config", c, "--cert", held).exit()).isZero();
        assertThat(eventually("held.pem: good", "-cert", "held.pem")).contains("held.pem: good");

        Run refused = cli(
                "unrevoke", "--config", c, "--cert", dir.resolve("revoked.pem").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip())
                .startsWith("error: ")
                .doesNotContain("\n")
                .contains("keyCompromise");
    }

    @Test
    @Order(5)
    void statusCommand_saysWhatTheStoreHolds() {
        Run status = cli(
                "status",
                "--config",
                config.toString(),
                "--cert",
                dir.resolve("revoked.pem").toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("revoked").contains("keyCompromise");
        Run unknown = cli("status", "--config", config.toString(), "--issuer", "issuing-ca", "--serial", "0BADC0DE");
        assertThat(unknown.out()).contains("not known to the store");
    }

    @Test
    @Order(6)
    void adminListener_reportsReadyAndMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = "http://127.0.0.1:" + app.adminAddress().orElseThrow().getPort();
        HttpResponse<String> ready = http.send(
                HttpRequest.newBuilder(URI.create(admin + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(admin + "/healthz"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("ocsp_requests_seconds_count{method=\"POST\",outcome=\"good\"")
                .contains("ocsp_store_lookup_seconds")
                .contains("ocsp_signing_seconds")
                .contains("ocsp_executor_queue_depth")
                .contains("ocsp_responder_certificate_expiry_seconds");
    }

    @Test
    @Order(7)
    void badCommandLineAndConfiguration_getOneLineErrors() throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.yaml"),
                Files.readString(config)
                        .replace(
                                "listen: 127.0.0.1:0\n    issuers",
                                "listen: 127.0.0.1:0\n    validity: 11d\n    issuers"));
        Run serve = cli("serve", "--config", bad.toString());
        assertThat(serve.exit()).isEqualTo(1);
        assertThat(serve.err().strip()).isEqualTo("error: " + bad + ": responders[0].validity: 11d is outside 8h..10d");

        Run missing = cli("serve", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.err().strip()).isEqualTo("error: " + dir.resolve("nope.yaml") + ": no such file");

        Path wrongKey = Files.writeString(
                dir.resolve("wrongkey.yaml"),
                Files.readString(config).replace("key: responder.key", "key: nothing.key"));
        Run key = cli("serve", "--config", wrongKey.toString());
        assertThat(key.exit()).isEqualTo(1);
        assertThat(key.err().strip())
                .startsWith("error: " + wrongKey + ": responders[0].issuers[0]: ")
                .contains("nothing.key: no such file")
                .doesNotContain("\n");

        Run help = cli("revoke", "--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("--reason").contains("--cert");

        Run usage = cli("revoke", "--config", config.toString());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err().strip())
                .startsWith("error: ")
                .contains("--reason")
                .doesNotContain("\n");

        Run unknownIssuer = cli(
                "revoke",
                "--config",
                config.toString(),
                "--issuer",
                "nope",
                "--serial",
                "01",
                "--reason",
                "superseded");
        assertThat(unknownIssuer.exit()).isEqualTo(1);
        assertThat(unknownIssuer.err().strip())
                .startsWith("error: ")
                .contains("nope")
                .doesNotContain("\n");
    }
}
