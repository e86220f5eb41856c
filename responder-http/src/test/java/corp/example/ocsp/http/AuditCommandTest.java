package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.http.ServeEndToEndTest.Run;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit list} after the admin commands, on a real PostgreSQL. */
class AuditCommandTest {
    @TempDir
    static Path dir;

    private static TestDatabase db;
    private static String config;
    private static CertBundle first;
    private static CertBundle second;

    private static Run cli(String... args) {
        return ServeEndToEndTest.cli(args);
    }

    @BeforeAll
    static void writeThroughTheCommands() throws Exception {
        db = PostgresFixture.newDatabase();
        Ca ca = TestPki.newRoot("Audit CLI CA").build();
        ca.writeCertPem(dir.resolve("issuing-ca.pem"));
        CertBundle signer = ca.issueOcspSigner("Audit OCSP").build();
        signer.writeCertPem(dir.resolve("responder.pem"));
        signer.writeKeyPem(dir.resolve("responder.key"));
        first = ca.issueLeaf("first.example").build();
        first.writeCertPem(dir.resolve("first.pem"));
        second = ca.issueLeaf("second.example").build();
        second.writeCertPem(dir.resolve("second.pem"));
        config = TestConfigs.issuingResponder(dir, db, "").toString();
        for (List<String> args : List.of(
                List.of("db", "migrate"),
                List.of(
                        "issuer",
                        "add",
                        "--label",
                        "issuing-ca",
                        "--cert",
                        dir.resolve("issuing-ca.pem").toString()),
                List.of("cert", "add", "--cert", dir.resolve("first.pem").toString()),
                List.of("revoke", "--cert", dir.resolve("first.pem").toString(), "--reason", "keyCompromise"))) {
            Run r = run(args);
            assertThat(r.exit()).as(args + ": " + r.err()).isZero();
        }
        Run notRecorded =
                run(List.of("revoke", "--cert", dir.resolve("second.pem").toString(), "--reason", "superseded"));
        assertThat(notRecorded.exit()).isEqualTo(1);
    }

    private static Run run(List<String> args) {
        String[] all = new String[args.size() + 2];
        int split = args.get(0).equals("db")
                        || args.get(0).equals("issuer")
                        || args.get(0).equals("cert")
                ? 2
                : 1;
        for (int i = 0; i < split; i++) {
            all[i] = args.get(i);
        }
        all[split] = "--config";
        all[split + 1] = config;
        for (int i = split; i < args.size(); i++) {
            all[i + 2] = args.get(i);
        }
        return cli(all);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void auditList_printsEveryWrite_withWhoAndOutcome_andTheFailedOneAsFailed() {
        Run r = cli("audit", "list", "--config", config);

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        String who = "\\(os " + System.getProperty("user.name") + ", db " + db.user() + ", host .+, pid "
                + ProcessHandle.current().pid() + ".*\\)";
        assertThat(lines.get(0)).matches("\\S+ issuer add issuing-ca CN=Audit CLI CA.*: ok " + who);
        assertThat(lines.get(1))
                .matches("\\S+ cert add issuing-ca serial " + SerialNumbers.hex(first.serial())
                        + " 1 added, 0 updated, 0 unchanged: ok " + who);
        assertThat(lines.get(2))
                .matches("\\S+ revoke issuing-ca serial " + SerialNumbers.hex(first.serial())
                        + " keyCompromise at \\S+: ok " + who);
        assertThat(lines.get(3))
                .matches("\\S+ revoke issuing-ca serial " + SerialNumbers.hex(second.serial())
                        + " superseded: failed: .*no certificate with that serial.* " + who);
    }

    @Test
    void auditList_bySerialAndSince() {
        Run bySerial = cli("audit", "list", "--config", config, "--serial", SerialNumbers.hex(second.serial()));
        Run lastHour = cli("audit", "list", "--config", config, "--since", "1h");
        Run future = cli("audit", "list", "--config", config, "--since", "2099-01-01T00:00:00Z");
        Run bad = cli("audit", "list", "--config", config, "--since", "yesterday");

        assertThat(bySerial.out().lines()).singleElement().asString().contains("failed");
        assertThat(lastHour.out().lines()).hasSize(4);
        assertThat(future.out()).isEqualTo("no writes recorded that match\n");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err())
                .isEqualTo("error: --since: 'yesterday' is neither an ISO-8601 time such as 2026-11-22T10:15:30Z"
                        + " nor a duration such as 24h\n");
    }
}
