package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.server.RawHttp;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation on a running server: new signer files and {@code POST /reload} on the admin listener
 * move every answer to the new key (cached ones once re-signed) over the connections already open;
 * a reload with a bad file is refused with why and changes nothing.
 */
class SignerRotationEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestDatabase db;
    private ResponderApp app;
    private Ca issuing;
    private CertBundle oldSigner;
    private CertBundle newSigner;
    private CertBundle leaf;
    private String adminUrl;

    @BeforeEach
    void start() throws Exception {
        db = PostgresFixture.newDatabase();
        issuing = TestPki.newRoot("Rotation Root CA")
                .build()
                .issueIntermediate("Rotation Issuing CA")
                .build();
        issuing.writeCertPem(dir.resolve("issuing-ca.pem"));
        oldSigner = issuing.issueOcspSigner("Old OCSP Signer")
                .notAfter(Instant.now().plus(Duration.ofDays(3)))
                .build();
        newSigner = issuing.issueOcspSigner("New OCSP Signer")
                .notAfter(Instant.now().plus(Duration.ofDays(90)))
                .build();
        install(oldSigner);
        leaf = issuing.issueLeaf("good.example").build();
        try (PostgresStore store = PostgresStore.open(PostgresStoreConfig.of(db.jdbcUrl(), db.user(), db.password()))) {
            store.migrate();
            store.admin().registerIssuer("issuing-ca", issuing.holder());
            store.admin().addCertificates("issuing-ca", List.of(leaf.holder()));
        }
        app = ResponderApp.start(ConfigFile.load(TestConfigs.issuingResponder(dir, db, "")), Clock.systemUTC());
        adminUrl = "http://127.0.0.1:" + app.adminAddress().orElseThrow().getPort();
        Await.until(
                Duration.ofSeconds(30),
                () -> admin("GET", "/metrics").body().contains("ocsp_cache_responses{responder=\"issuing\"} 1.0"));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** Replaces the signer files the way an operator should: new files renamed over the old. */
    private void install(CertBundle signer) throws Exception {
        signer.writeCertPem(dir.resolve("new.pem"));
        signer.writeKeyPem(dir.resolve("new.key"));
        Files.move(
                dir.resolve("new.key"),
                dir.resolve("responder.key"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(
                dir.resolve("new.pem"),
                dir.resolve("responder.pem"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(adminUrl + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private byte[] request(boolean nonce) {
        OcspRequestBuilder b = OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1);
        return (nonce ? b.nonceOfLength(32) : b).build();
    }

    /** The answer's signer, after checking it is a good answer whose signature verifies with that signer. */
    private static String signerOf(RawHttp.Response r, CertBundle... candidates) throws Exception {
        assertThat(r.status()).isEqualTo(200);
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(r.body()).getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        for (CertBundle c : candidates) {
            if (basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(c.holder()))) {
                assertThat(basic.getCerts()[0]).isEqualTo(c.holder());
                return c.holder().getSubject().toString();
            }
        }
        throw new AssertionError("signed by none of the candidates");
    }

    private RawHttp.Response ask(RawHttp connection, boolean nonce) throws Exception {
        return connection
                .send(RawHttp.post("/", "HTTP/1.1", request(nonce), "Content-Type: application/ocsp-request"))
                .read();
    }

    @Test
    void reload_movesAnswersToTheNewKeyOnConnectionsAlreadyOpen() throws Exception {
        try (RawHttp connection = new RawHttp(app.addresses().get(0).getPort())) {
            assertThat(signerOf(ask(connection, false), oldSigner)).contains("Old OCSP Signer");

            install(newSigner);
            HttpResponse<String> reload = admin("POST", "/reload");

            assertThat(reload.statusCode()).isEqualTo(200);
            assertThat(reload.body()).contains("responder issuing, CA issuing-ca: now signing with CN=New OCSP Signer");
            // live-signed answers take the new key at once
            assertThat(signerOf(ask(connection, true), newSigner)).contains("New OCSP Signer");
            // the cached answer is re-signed in the background; meanwhile the old one (still valid) is served
            Await.until(
                    Duration.ofSeconds(10),
                    () -> signerOf(ask(connection, false), oldSigner, newSigner).contains("New OCSP Signer"));
            assertThat(connection.closedByServer())
                    .as("connection closed by the rotation")
                    .isFalse();
        }
        Matcher expiry = Pattern.compile("ocsp_responder_certificate_expiry_seconds\\{[^}]*} (\\S+)")
                .matcher(admin("GET", "/metrics").body());
        assertThat(expiry.find()).isTrue();
        assertThat(Duration.ofSeconds((long) Double.parseDouble(expiry.group(1)))
                        .toDays())
                .as("the expiry metric follows the new certificate")
                .isGreaterThan(80);
        assertThat(admin("GET", "/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void reloadWithAKeyThatDoesNotMatch_isRefusedWithWhyAndKeepsTheOldSigner() throws Exception {
        newSigner.writeCertPem(dir.resolve("responder.pem")); // the key file still holds the old key

        HttpResponse<String> reload = admin("POST", "/reload");

        assertThat(reload.statusCode()).isEqualTo(422);
        assertThat(reload.body())
                .contains("responders[0].issuers[0]")
                .contains("responder.key")
                .contains("does not match");
        try (RawHttp connection = new RawHttp(app.addresses().get(0).getPort())) {
            assertThat(signerOf(ask(connection, true), oldSigner)).contains("Old OCSP Signer");
            assertThat(signerOf(ask(connection, false), oldSigner)).contains("Old OCSP Signer");
        }
    }

    @Test
    void reloadOfAFileThatAddsACa_isRefused() throws Exception {
        Path config = dir.resolve("responder.yaml");
        Files.writeString(config, Files.readString(config).replace("- label: issuing-ca", "- label: other-ca"));

        HttpResponse<String> reload = admin("POST", "/reload");

        assertThat(reload.statusCode()).isEqualTo(422);
        assertThat(reload.body()).contains("restart");
        assertThat(admin("GET", "/reload").statusCode()).isEqualTo(405);
    }
}
