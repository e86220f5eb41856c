package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import corp.example.ocsp.store.postgres.Revocation;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspPost;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A responder with a response store restarted against a real PostgreSQL: the second start reads
 * only the certificates changed while it was down (from the store's watermark), not the whole
 * inventory, and answers every one as the database says.
 */
class StoreRestartEndToEndTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private TestDatabase db;
    private PostgresStore admin;
    private ResponderApp app;
    private Ca issuing;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aRestart_readsOnlyWhatChangedWhileDown_andAnswersEveryCertificateAsTheDatabaseSays() throws Exception {
        db = PostgresFixture.newDatabase();
        Ca root = TestPki.newRoot("Restart Root CA").build();
        issuing = root.issueIntermediate("Restart Issuing CA").build();
        issuing.writeCertPem(dir.resolve("issuing-ca.pem"));
        CertBundle signer = issuing.issueOcspSigner("Restart OCSP").build();
        signer.writeCertPem(dir.resolve("responder.pem"));
        signer.writeKeyPem(dir.resolve("responder.key"));
        List<CertBundle> leaves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leaves.add(issuing.issueLeaf("leaf" + i + ".example").build());
        }
        CertBundle added = issuing.issueLeaf("added.example").build();
        Path config = TestConfigs.issuingResponder(dir, db, "  reconcilePeriod: 500ms\n");
        admin = PostgresStore.open(PostgresStoreConfig.of(db.jdbcUrl(), db.user(), db.password()));
        admin.migrate();
        admin.admin().registerIssuer("issuing-ca", issuing.holder());
        admin.admin()
                .addCertificates(
                        "issuing-ca", leaves.stream().map(CertBundle::holder).toList());

        start(config);
        assertThat(metric("ocsp_cache_fill_certificates{responder=\"issuing\"}"))
                .as("the first start reads the whole inventory")
                .isEqualTo(40);
        app.close();
        app = null;

        admin.admin().revoke("issuing-ca", leaves.get(1).serial(), Revocation.because(RevocationReason.KEY_COMPROMISE));
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM certificates WHERE serial = '\\x"
                    + java.util.HexFormat.of().formatHex(leaves.get(2).serial().toByteArray()) + "'::bytea");
        }
        admin.admin().addCertificates("issuing-ca", List.of(added.holder()));

        start(config);
        assertThat(metric("ocsp_cache_fill_certificates{responder=\"issuing\"}"))
                .as("the restart reads the three changed since the watermark, not the 40")
                .isEqualTo(3);
        assertThat(metric("ocsp_cache_responses{responder=\"issuing\"}")).isEqualTo(40);
        assertThat(status(leaves.get(1).serial())).isInstanceOf(RevokedStatus.class);
        assertThat(status(leaves.get(2).serial())).isInstanceOf(UnknownStatus.class);
        assertThat(status(added.serial())).isEqualTo(CertificateStatus.GOOD);
        for (int i = 3; i < 40; i++) {
            assertThat(status(leaves.get(i).serial())).as("leaf %d", i).isEqualTo(CertificateStatus.GOOD);
        }
    }

    private void start(Path config) throws Exception {
        app = ResponderApp.start(ConfigFile.load(config), Clock.systemUTC());
        Await.until(Duration.ofSeconds(60), "the cache filled", () -> metric("ocsp_cache_filled") == 1);
    }

    private CertificateStatus status(BigInteger serial) throws Exception {
        byte[] req = OcspRequestBuilder.create()
                .certId(issuing.certificate(), serial, CertIdHash.SHA1)
                .build();
        return OcspPost.firstStatus(
                URI.create("http://127.0.0.1:" + app.addresses().get(0).getPort() + "/"), req);
    }

    /** The value of the metric line starting with {@code name} on /metrics. */
    private double metric(String name) throws Exception {
        String body = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + app.adminAddress().orElseThrow().getPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return body.lines()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }
}
