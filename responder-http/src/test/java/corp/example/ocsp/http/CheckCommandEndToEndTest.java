package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.http.ServeEndToEndTest.Run;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code check} command as a monitoring agent runs it: against this responder (real
 * PostgreSQL), and against {@code openssl ocsp -index}. openssl's responder can only listen on
 * every interface, so it runs in a network namespace of its own ({@code unshare -n}, loopback only)
 * together with the check, run there as a separate JVM; it is stopped by its PID.
 */
class CheckCommandEndToEndTest {
    private static final String OK_LINE =
            "OCSP OK - good, nextUpdate in 3d 23h \\| time=\\d+\\.\\d{3}s;;;0 next_update=\\d+s;86400;14400\n";

    @TempDir
    static Path dir;

    private static TestDatabase db;
    private static ResponderApp app;
    private static String url;
    private static CertBundle good;
    private static CertBundle revoked;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresFixture.newDatabase();
        Ca issuing = TestPki.newRoot("Check Issuing CA").build();
        issuing.writeCertPem(dir.resolve("issuing-ca.pem"));
        TestPki.newRoot("Another CA").build().writeCertPem(dir.resolve("another-ca.pem"));
        CertBundle signer = issuing.issueOcspSigner("Check OCSP").build();
        signer.writeCertPem(dir.resolve("responder.pem"));
        signer.writeKeyPem(dir.resolve("responder.key"));
        good = issuing.issueLeaf("good.example").build();
        good.writeCertPem(dir.resolve("good.pem"));
        revoked = issuing.issueLeaf("revoked.example").build();
        revoked.writeCertPem(dir.resolve("revoked.pem"));
        issuing.issueLeaf("unknown.example").build().writeCertPem(dir.resolve("unknown.pem"));
        String c = TestConfigs.issuingResponder(dir, db, "").toString();
        assertThat(cli("db", "migrate", "--config", c).exit()).isZero();
        assertThat(cli("issuer", "add", "--config", c, "--label", "issuing-ca", "--cert", path("issuing-ca.pem"))
                        .exit())
                .isZero();
        assertThat(cli("cert", "add", "--config", c, "--cert", path("good.pem"), path("revoked.pem"))
                        .exit())
                .isZero();
        assertThat(cli("revoke", "--config", c, "--cert", path("revoked.pem"), "--reason", "keyCompromise")
                        .exit())
                .isZero();
        app = ResponderApp.start(ConfigFile.load(Path.of(c)), Clock.systemUTC());
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

    private static String path(String name) {
        return dir.resolve(name).toString();
    }

    private static Run cli(String... args) {
        return ServeEndToEndTest.cli(args);
    }

    private static Run check(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "check";
        all[1] = "--url";
        all[2] = url;
        all[3] = "--issuer";
        all[4] = path("issuing-ca.pem");
        System.arraycopy(args, 0, all, 5, args.length);
        return cli(all);
    }

    @Test
    void thisResponder_good_isOk_withAndWithoutANonce_byCertOrBySerial() {
        Run byCert = check("--cert", path("good.pem"));
        Run withNonce = check("--cert", path("good.pem"), "--nonce");
        Run bySerial = check("--serial", SerialNumbers.hex(good.serial()));

        for (Run r : List.of(byCert, withNonce, bySerial)) {
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).matches(OK_LINE);
        }
    }

    @Test
    void thisResponder_revokedAndUnknown_areCriticalUnlessExpected() {
        Run revokedRun = check("--cert", path("revoked.pem"));
        Run expected = check("--cert", path("revoked.pem"), "--expect", "revoked");
        Run unknown = check("--cert", path("unknown.pem"));

        assertThat(revokedRun.exit()).isEqualTo(2);
        assertThat(revokedRun.out())
                .startsWith("OCSP CRITICAL - revoked (keyCompromise) at ")
                .contains(", expected good |");
        assertThat(expected.exit()).as(expected.out()).isZero();
        assertThat(expected.out()).startsWith("OCSP OK - revoked (keyCompromise) at ");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).startsWith("OCSP CRITICAL - unknown, expected good |");
    }

    @Test
    void badArgumentsAndFiles_areUnknown_exit3_inOneLine() {
        Run noUrl = cli("check", "--issuer", path("issuing-ca.pem"), "--cert", path("good.pem"));
        Run missingIssuer = cli("check", "--url", url, "--issuer", path("nope.pem"), "--cert", path("good.pem"));
        Run otherCa = cli("check", "--url", url, "--issuer", path("another-ca.pem"), "--cert", path("good.pem"));
        Run thresholds = check("--cert", path("good.pem"), "--warn-next-update", "1h", "--crit-next-update", "4h");
        Run duration = check("--cert", path("good.pem"), "--timeout", "soon");

        for (Run r : List.of(noUrl, missingIssuer, otherCa, thresholds, duration)) {
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(r.out()).startsWith("OCSP UNKNOWN - ").hasLineCount(1);
        }
        assertThat(noUrl.out()).contains("--url");
        assertThat(missingIssuer.out()).contains("--issuer " + path("nope.pem"));
        assertThat(otherCa.out()).contains("was issued by CN=Check Issuing CA, not by --issuer");
        assertThat(thresholds.out()).contains("--warn-next-update 1h is shorter than --crit-next-update 4h");
        assertThat(duration.out()).contains("--timeout soon is not a duration");
    }

    @Test
    void opensslOcspIndex_goodRevokedAndNonce() throws Exception {
        assertThat(Openssl.available()).as("openssl is required").isTrue();
        DateTimeFormatter asn1 = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
        String expiry = asn1.format(good.certificate().getNotAfter().toInstant());
        Files.writeString(
                dir.resolve("index.txt"),
                "V\t" + expiry + "\t\t" + SerialNumbers.hex(good.serial()) + "\tunknown\t/CN=good.example\n"
                        + "R\t" + expiry + "\t260102030405Z,keyCompromise\t" + SerialNumbers.hex(revoked.serial())
                        + "\tunknown\t/CN=revoked.example\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String check = "'" + java + "' -cp \"$CP\" corp.example.ocsp.http.cli.Main check --url http://127.0.0.1:8080"
                + " --issuer issuing-ca.pem";
        String script = String.join(
                "\n",
                "ip link set lo up",
                "openssl ocsp -index index.txt -port 8080 -rsigner responder.pem -rkey responder.key"
                        + " -CA issuing-ca.pem -ndays 4 -nrequest 3 > openssl.log 2>&1 &",
                "pid=$!",
                "for i in $(seq 1 600); do grep -q 'waiting for OCSP' openssl.log && break; sleep 0.05; done",
                check + " --cert good.pem; echo \"exit=$?\"",
                check + " --cert revoked.pem --expect revoked; echo \"exit=$?\"",
                check + " --cert good.pem --nonce; echo \"exit=$?\"",
                "kill $pid 2>/dev/null; wait $pid 2>/dev/null; true");
        ProcessBuilder pb = new ProcessBuilder("unshare", "-n", "bash", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("CP", System.getProperty("java.class.path"));
        Process p = pb.start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS))
                    .as("the namespace's script ended")
                    .isTrue();
        } finally {
            p.destroyForcibly();
        }
        System.out.println(out);

        List<String> lines = out.lines()
                .filter(l -> l.startsWith("OCSP ") || l.startsWith("exit="))
                .toList();
        assertThat(lines)
                .as(out + "\nopenssl: " + Files.readString(dir.resolve("openssl.log")))
                .hasSize(6);
        assertThat(lines.get(0) + "\n").matches(OK_LINE);
        assertThat(lines.get(1)).isEqualTo("exit=0");
        assertThat(lines.get(2))
                .startsWith("OCSP OK - revoked (keyCompromise) at 2026-01-02T03:04:05Z, nextUpdate in 3d 23h");
        assertThat(lines.get(3)).isEqualTo("exit=0");
        assertThat(lines.get(4) + "\n").matches(OK_LINE);
        assertThat(lines.get(5)).isEqualTo("exit=0");
    }
}
