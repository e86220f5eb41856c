package corp.example.ocsp.http.source.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.cli.Main;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspPost;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The cfssl: section, the admin commands on a certdb, and serving one (a SQLite certdb, CFSSL 1.5 shape). */
class CfsslSourceTest {
    private static final String DDL = "CREATE TABLE certificates (serial_number blob NOT NULL,"
            + " authority_key_identifier blob NOT NULL, ca_label blob, status blob NOT NULL, reason int,"
            + " expiry timestamp, revoked_at timestamp, pem blob NOT NULL,"
            + " PRIMARY KEY(serial_number, authority_key_identifier))";

    @TempDir
    Path dir;

    private final Ca ca = TestPki.newRoot("CFSSL CA").build();
    private final Ca other = TestPki.newRoot("CFSSL Unconfigured CA").build();
    private Path certdb;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        certdb = dir.resolve("certs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + certdb);
                Statement s = c.createStatement()) {
            s.execute(DDL);
        }
        Files.writeString(dir.resolve("db-config.json"), "{\"driver\":\"sqlite3\",\"data_source\":\"" + certdb + "\"}");
        ca.writeCertPem(dir.resolve("ca.pem"));
        CertBundle signer = ca.issueOcspSigner("CFSSL OCSP").build();
        signer.writeCertPem(dir.resolve("s.pem"));
        signer.writeKeyPem(dir.resolve("s.key"));
        config = yaml("cfssl:\n  dbConfig: db-config.json\n  freshness: 200ms\n");
    }

    private Path yaml(String source) throws Exception {
        return Files.writeString(dir.resolve("responder.yaml"), source + """
                admin:
                  listen: "off"
                responders:
                  - name: r
                    listen: 127.0.0.1:0
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer: {certificate: s.pem, key: s.key}
                """);
    }

    private CertBundle issue(Ca issuer) throws Exception {
        CertBundle leaf = issuer.issueLeaf("leaf").build();
        Extension e = leaf.holder().getExtension(Extension.authorityKeyIdentifier);
        String aki = HexFormat.of()
                .formatHex(
                        AuthorityKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + certdb);
                PreparedStatement ps = c.prepareStatement("INSERT INTO certificates VALUES (?, ?, '', 'good', 0,"
                        + " '2030-01-01 00:00:00+00:00', '0001-01-01 00:00:00+00:00', ?)")) {
            ps.setString(1, leaf.serial().toString());
            ps.setString(2, aki);
            ps.setString(3, CertBundle.pem(leaf.certificate()));
            ps.executeUpdate();
        }
        return leaf;
    }

    /** cfssl revoke's statement. */
    private void revoke(CertBundle leaf, int reason) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + certdb);
                PreparedStatement ps = c.prepareStatement("UPDATE certificates SET status='revoked',"
                        + " revoked_at=CURRENT_TIMESTAMP, reason=? WHERE serial_number=?")) {
            ps.setInt(1, reason);
            ps.setString(2, leaf.serial().toString());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void section_readsTheDbConfigAndTheDefaults() throws Exception {
        yaml("cfssl:\n  dbConfig: db-config.json\n");
        ServerConfig c = ConfigFile.load(dir.resolve("responder.yaml"), Map.of());
        CfsslSettings s = (CfsslSettings) c.source();
        assertThat(s.freshness().bound()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.poolSize()).isEqualTo(8);
        assertThat(s.dbConfig().dataSource()).isEqualTo(certdb.toString());
    }

    @Test
    void section_withAnUnusableDbConfig_isRefusedInOneLineNamingTheSetting() throws Exception {
        Files.writeString(dir.resolve("mysql.json"), "{\"driver\":\"mysql\",\"data_source\":\"u:p@tcp(db)\"}");
        Path f = yaml("cfssl:\n  dbConfig: mysql.json\n");
        assertThatThrownBy(() -> ConfigFile.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cfssl.dbConfig: ")
                .hasMessageContaining("MySQL data_source has no /dbname");
        Path g = yaml("cfssl:\n  dbConfig: missing.json\n");
        assertThatThrownBy(() -> ConfigFile.load(g, Map.of()))
                .hasMessageContaining("cfssl.dbConfig: ")
                .hasMessageContaining("cannot be read");
    }

    @Test
    void adminWrites_areRefusedNamingCfsslRevokeAndSign() throws Exception {
        CertBundle leaf = issue(ca);
        String[] revoke = run(
                "revoke",
                "--config",
                config.toString(),
                "--issuer",
                "ca",
                "--serial",
                leaf.serial().toString(16),
                "--reason",
                "keyCompromise");
        assertThat(revoke[0]).isEqualTo("1");
        assertThat(revoke[2].strip())
                .startsWith("error: CFSSL is the record of certdb sqlite3 " + certdb)
                .contains("'cfssl revoke -db-config FILE -serial DECIMAL -aki HEX -reason REASON'")
                .contains("'cfssl sign'")
                .doesNotContain("\n");
        leaf.writeCertPem(dir.resolve("leaf.pem"));
        String[] add = run(
                "cert",
                "add",
                "--config",
                config.toString(),
                "--cert",
                dir.resolve("leaf.pem").toString());
        assertThat(add[0]).isEqualTo("1");
        assertThat(add[2]).contains("CFSSL is the record");
    }

    @Test
    void status_showsTheRowAsCfsslHoldsIt() throws Exception {
        CertBundle leaf = issue(ca);
        revoke(leaf, 4);
        String[] status = run(
                "status",
                "--config",
                config.toString(),
                "--issuer",
                "ca",
                "--serial",
                leaf.serial().toString(16));
        assertThat(status[0]).as(status[2]).isEqualTo("0");
        assertThat(status[1])
                .contains("(decimal " + leaf.serial() + ")")
                .contains("(superseded)")
                .contains("certdb row: status=revoked reason=4 revoked_at=");
    }

    @Test
    void issuerList_countsTheConfiguredCasCertificates_andNamesThoseOfNoConfiguredCa() throws Exception {
        issue(ca);
        issue(ca);
        issue(other);
        String[] list = run("issuer", "list", "--config", config.toString());
        assertThat(list[0]).as(list[2]).isEqualTo("0");
        assertThat(list[1]).contains("ca\t2 certificates\tCN=CFSSL CA");
        assertThat(list[1]).contains("(no configured CA)\t1 certificates\tauthority_key_identifier ");
    }

    @Test
    void serving_aCfsslRevokeIsAnsweredPastTheFreshnessBound() throws Exception {
        CertBundle leaf = issue(ca);
        ServerConfig c = ConfigFile.load(config, Map.of());
        try (ResponderApp app = ResponderApp.start(c, Clock.systemUTC())) {
            URI uri = URI.create("http://127.0.0.1:" + app.addresses().get(0).getPort() + "/");
            byte[] request =
                    OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
            assertThat(status(uri, request)).isEqualTo(CertificateStatus.GOOD);
            assertThat(status(uri, request)).isEqualTo(CertificateStatus.GOOD);
            revoke(leaf, 1);
            long t0 = System.nanoTime();
            Await.until(
                    Duration.ofSeconds(30),
                    "the revocation is answered",
                    () -> status(uri, request) instanceof RevokedStatus);
            LoggerFactory.getLogger(CfsslSourceTest.class)
                    .info("cfssl revoke answered after {} ms (freshness 200 ms)", (System.nanoTime() - t0) / 1_000_000);
            RevokedStatus r = (RevokedStatus) status(uri, request);
            assertThat(r.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
            CertBundle later = issue(ca);
            byte[] laterRequest =
                    OcspRequestBuilder.create().certId(later, CertIdHash.SHA1).build();
            assertThat(status(uri, laterRequest)).as("issued while serving").isEqualTo(CertificateStatus.GOOD);
        }
    }

    private static CertificateStatus status(URI uri, byte[] request) throws Exception {
        return OcspPost.firstStatus(uri, request);
    }
}
