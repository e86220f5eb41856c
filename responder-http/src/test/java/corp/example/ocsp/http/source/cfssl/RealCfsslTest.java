package corp.example.ocsp.http.source.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.Cfssl;
import corp.example.ocsp.testing.MariaDb;
import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder on certdbs written by the real cfssl (Debian's golang-cfssl 1.2): a SQLite certdb in
 * CFSSL 1.2's shape (serials stored as REAL) revoked through {@code cfssl serve}'s revoke API, and a
 * PostgreSQL certdb in CFSSL 1.5's shape revoked through the API and with {@code cfssl revoke -aki}
 * on a row that carries a real AKI; each asked by {@code openssl ocsp} with SHA-1 and SHA-256 CertIDs.
 */
class RealCfsslTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealCfsslTest.class);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private CfsslPki ca;
    private CfsslPki second;

    @BeforeEach
    void pki() throws Exception {
        assertThat(Cfssl.available())
                .as("cfssl is required: run scripts/install-test-deps")
                .isTrue();
        assertThat(Openssl.available())
                .as("openssl is required: run scripts/install-test-deps")
                .isTrue();
        ca = new CfsslPki(dir, "ca-one");
        second = new CfsslPki(dir, "ca-two");
    }

    @Test
    void sqliteCertdbOfCfssl12_revokedThroughCfsslServe_isAnsweredRevokedByOpensslOcsp() throws Exception {
        Path certdb = dir.resolve("certs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + certdb);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE certificates (serial_number bytea NOT NULL, authority_key_identifier bytea"
                            + " NOT NULL, ca_label bytea, status bytea NOT NULL, reason int, expiry timestamp,"
                            + " revoked_at timestamp, pem bytea NOT NULL, PRIMARY KEY(serial_number, authority_key_identifier))");
        }
        Path dbConfig = Files.writeString(
                dir.resolve("db-config.json"), "{\"driver\":\"sqlite3\",\"data_source\":\"" + certdb + "\"}");
        issueServeAndRevokeThroughTheApi(dbConfig, "SQLite");
    }

    @Test
    void postgresCertdbOfCfssl15Shape_revokedThroughTheApiAndCfsslRevoke_isAnsweredRevokedByOpensslOcsp()
            throws Exception {
        try (TestDatabase db = PostgresFixture.newDatabase()) {
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE certificates (serial_number bytea NOT NULL, authority_key_identifier bytea"
                        + " NOT NULL, ca_label bytea, status bytea NOT NULL, reason int, expiry timestamptz,"
                        + " revoked_at timestamptz, pem bytea NOT NULL, issued_at timestamptz, not_before timestamptz,"
                        + " metadata jsonb, sans jsonb, common_name text,"
                        + " PRIMARY KEY(serial_number, authority_key_identifier))");
            }
            String pw = db.password() == null ? "" : db.password();
            Path dbConfig = Files.writeString(
                    dir.resolve("db-config.json"),
                    "{\"driver\":\"postgres\",\"data_source\":\"postgres://" + db.user() + ":" + pw + "@"
                            + db.server().host() + ":" + db.server().port() + "/" + db.name()
                            + "?sslmode=disable\"}");
            CfsslPki.Leaf leaf = ca.issue("leaf-one", dbConfig);
            CfsslPki.Leaf other = second.issue("leaf-two", dbConfig);
            try (ResponderApp app = serve(dbConfig)) {
                String url = "http://127.0.0.1:" + app.addresses().get(0).getPort() + "/";
                assertGoodBeforeAndAfterTheOtherCa(url, leaf, other);
                // cfssl 1.2's revoke command refuses an empty -aki: such rows are revoked through the API
                try (CfsslServe serve = new CfsslServe(dbConfig)) {
                    serve.revoke(leaf, "", "keyCompromise");
                }
                awaitRevoked(url, ca, leaf, "keyCompromise", "cfssl serve revoke API, PostgreSQL");
                // the 1.3+ shape: the row carries the AKI, and cfssl revoke names it
                String aki = Openssl.run(
                                dir, "x509", "-in", other.pem().toString(), "-noout", "-ext", "authorityKeyIdentifier")
                        .assertSuccess()
                        .stdout()
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .trim()
                        .replace(":", "")
                        .replace("keyid", "")
                        .toLowerCase(java.util.Locale.ROOT);
                try (Connection c = db.connect();
                        PreparedStatement ps = c.prepareStatement(
                                "UPDATE certificates SET authority_key_identifier = convert_to(?, 'UTF8')"
                                        + " WHERE serial_number = convert_to(?, 'UTF8')")) {
                    ps.setString(1, aki);
                    ps.setString(2, other.serial().toString());
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                assertThat(ocsp(url, second, other, "-sha256")).contains(": good");
                Cfssl.run(
                                dir,
                                "revoke",
                                "-db-config",
                                dbConfig.toString(),
                                "-serial",
                                other.serial().toString(),
                                "-aki",
                                aki,
                                "-reason",
                                "superseded")
                        .assertSuccess();
                awaitRevoked(url, second, other, "superseded", "cfssl revoke -aki, PostgreSQL");
                issuedWhileServing(url, dbConfig);
                assertThat(ocspSerial(url, ca, "0x1234ABCD")).contains("0x1234ABCD: unknown");
            }
        }
    }

    @Test
    void mariadbCertdb_writtenByCfsslsMysqlDriver_revokedThroughCfsslServe_isAnsweredRevokedByOpensslOcsp()
            throws Exception {
        assumeTrue(
                MariaDb.unavailableBecause().isEmpty(),
                "NOT RUN: " + MariaDb.unavailableBecause().orElse(""));
        String database = MariaDb.newDatabase();
        MariaDb.sql("CREATE TABLE " + database + ".certificates (serial_number varbinary(128) NOT NULL,"
                + " authority_key_identifier varbinary(128) NOT NULL, ca_label varbinary(128),"
                + " status varbinary(128) NOT NULL, reason int,"
                + " created_at timestamp NULL DEFAULT '0000-00-00 00:00:00',"
                + " expiry timestamp NULL DEFAULT '0000-00-00 00:00:00',"
                + " revoked_at timestamp NULL DEFAULT '0000-00-00 00:00:00', pem varbinary(4096) NOT NULL,"
                + " PRIMARY KEY(serial_number, authority_key_identifier))");
        Path dbConfig = Files.writeString(
                dir.resolve("db-config.json"),
                "{\"driver\":\"mysql\",\"data_source\":\"" + MariaDb.USER + ":" + MariaDb.PASSWORD + "@tcp(127.0.0.1:"
                        + MariaDb.port() + ")/" + database + "?parseTime=true\"}");
        issueServeAndRevokeThroughTheApi(dbConfig, "MariaDB");
    }

    /**
     * A leaf of each CA issued by cfssl into the certdb, served; the first revoked through {@code
     * cfssl serve}'s API (CFSSL 1.2 rows carry no AKI, which its revoke command needs) and answered
     * revoked; the other CA's still good; a certificate issued while serving good; an unknown serial
     * the policy.
     */
    private void issueServeAndRevokeThroughTheApi(Path dbConfig, String database) throws Exception {
        CfsslPki.Leaf leaf = ca.issue("leaf-one", dbConfig);
        CfsslPki.Leaf other = second.issue("leaf-two", dbConfig);
        try (ResponderApp app = serve(dbConfig)) {
            String url = "http://127.0.0.1:" + app.addresses().get(0).getPort() + "/";
            assertGoodBeforeAndAfterTheOtherCa(url, leaf, other);
            try (CfsslServe serve = new CfsslServe(dbConfig)) {
                serve.revoke(leaf, "", "keyCompromise");
            }
            awaitRevoked(url, ca, leaf, "keyCompromise", "cfssl serve revoke API, " + database);
            assertThat(ocsp(url, second, other, "-sha256")).contains(": good");
            issuedWhileServing(url, dbConfig);
            assertThat(ocspSerial(url, ca, "0x1234ABCD")).contains("0x1234ABCD: unknown");
        }
    }

    private ResponderApp serve(Path dbConfig) throws Exception {
        Path yaml = Files.writeString(dir.resolve("responder.yaml"), """
                cfssl:
                  dbConfig: %s
                admin:
                  listen: "off"
                responders:
                  - name: cfssl
                    listen: 127.0.0.1:0
                    issuers:
                      - label: ca-one
                        certificate: ca-one.pem
                        signer: {certificate: ca-one-ocsp.pem, key: ca-one-ocsp-key.pem}
                      - label: ca-two
                        certificate: ca-two.pem
                        signer: {certificate: ca-two-ocsp.pem, key: ca-two-ocsp-key.pem}
                """.formatted(dbConfig));
        return ResponderApp.start(ConfigFile.load(yaml, Map.of()), Clock.systemUTC());
    }

    private void assertGoodBeforeAndAfterTheOtherCa(String url, CfsslPki.Leaf leaf, CfsslPki.Leaf other) {
        assertThat(ocsp(url, ca, leaf, "-sha1")).contains(leaf.pem() + ": good");
        assertThat(ocsp(url, ca, leaf, "-sha256")).contains(leaf.pem() + ": good");
        assertThat(ocsp(url, second, other, "-sha1"))
                .as("the second CA of the certdb")
                .contains(": good");
    }

    private void awaitRevoked(String url, CfsslPki issuer, CfsslPki.Leaf leaf, String reason, String how)
            throws Exception {
        long t0 = System.nanoTime();
        Await.until(
                LIMIT,
                "openssl ocsp says revoked after " + how,
                () -> ocsp(url, issuer, leaf, "-sha1").contains(": revoked"));
        LOG.warn(
                "measured: {} answered revoked {} ms after the revocation returned (freshness 500 ms)",
                how,
                (System.nanoTime() - t0) / 1_000_000);
        for (String hash : new String[] {"-sha1", "-sha256"}) {
            assertThat(ocsp(url, issuer, leaf, hash)).contains(": revoked").contains("Reason: " + reason);
        }
    }

    private void issuedWhileServing(String url, Path dbConfig) throws Exception {
        CfsslPki.Leaf fresh = ca.issue("leaf-new", dbConfig);
        long t0 = System.nanoTime();
        Await.until(
                LIMIT,
                "a certificate issued while serving is good",
                () -> ocsp(url, ca, fresh, "-sha1").contains(": good"));
        LOG.warn(
                "measured: a certificate issued while serving answered good after {} ms",
                (System.nanoTime() - t0) / 1_000_000);
    }

    private String ocsp(String url, CfsslPki issuer, CfsslPki.Leaf leaf, String hash) {
        return Openssl.run(
                        dir,
                        "ocsp",
                        hash,
                        "-issuer",
                        issuer.name + ".pem",
                        "-cert",
                        leaf.pem().toString(),
                        "-url",
                        url,
                        "-CAfile",
                        issuer.name + ".pem",
                        "-no_nonce")
                .assertSuccess()
                .output();
    }

    private String ocspSerial(String url, CfsslPki issuer, String serial) {
        return Openssl.run(
                        dir,
                        "ocsp",
                        "-issuer",
                        issuer.name + ".pem",
                        "-serial",
                        serial,
                        "-url",
                        url,
                        "-CAfile",
                        issuer.name + ".pem",
                        "-no_nonce")
                .assertSuccess()
                .output();
    }

    /** {@code cfssl serve -db-config} on a free loopback port, stopped by its PID on close. */
    private final class CfsslServe implements AutoCloseable {
        private final Process process;
        private final int port;

        CfsslServe(Path dbConfig) throws Exception {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            process = new ProcessBuilder(
                            "cfssl",
                            "serve",
                            "-address",
                            "127.0.0.1",
                            "-port",
                            Integer.toString(port),
                            "-ca",
                            ca.name + ".pem",
                            "-ca-key",
                            ca.name + "-key.pem",
                            "-db-config",
                            dbConfig.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("cfssl-serve.log").toFile())
                    .start();
            Await.until(LIMIT, "cfssl serve listens on port " + port, () -> {
                try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
        }

        void revoke(CfsslPki.Leaf leaf, String aki, String reason) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cfssl/revoke"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"serial\":\"" + leaf.serial()
                                            + "\",\"authority_key_id\":\"" + aki + "\",\"reason\":\"" + reason + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).as("cfssl serve's revoke answer").contains("\"success\":true");
        }

        @Override
        public void close() throws Exception {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
