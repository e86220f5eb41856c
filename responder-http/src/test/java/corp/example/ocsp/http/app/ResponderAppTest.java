package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspPost;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The wiring with a status source that is not PostgreSQL: only the SPI and binding interfaces are used. */
class ResponderAppTest {
    @TempDir
    Path dir;

    private final Ca ca = TestPki.newRoot("Wiring CA").build();

    private ServerConfig config(SourceSettings source, CacheSettings cache) throws Exception {
        ca.writeCertPem(dir.resolve("ca.pem"));
        CertBundle signer = ca.issueOcspSigner("Wiring OCSP").build();
        signer.writeCertPem(dir.resolve("s.pem"));
        signer.writeKeyPem(dir.resolve("s.key"));
        Path file = Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: jdbc:postgresql://db/ocsp
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
        ServerConfig c = ConfigFile.load(file, Map.of());
        return new ServerConfig(
                c.file(), source, c.server(), new ServerConfig.Cache(cache, 1), c.admin(), c.responders());
    }

    @Test
    void sourceWithoutAChangeFeed_withTheCacheOn_isRefusedInOneLine_andClosed() throws Exception {
        FeedlessSource source = new FeedlessSource();
        ServerConfig config = config(source, CacheSettings.defaults());
        assertThatThrownBy(() -> ResponderApp.start(config, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(config.file() + ": feedless: this status source has neither a change feed nor a freshness"
                        + " bound, so cached answers could not follow its revocations; set cache.enabled: false");
        assertThat(source.closed).as("what was opened is closed").isTrue();
    }

    @Test
    void sourceWithoutAChangeFeed_servesWithTheCacheOff() throws Exception {
        FeedlessSource source = new FeedlessSource();
        try (ResponderApp app = ResponderApp.start(config(source, CacheSettings.disabled()), Clock.systemUTC())) {
            assertThat(app.addresses()).hasSize(1);
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void sourceWithAFreshnessBound_servesWithTheCacheOn_andARevocationShowsPastTheBound() throws Exception {
        FeedlessSource source = new FeedlessSource(Optional.of(new Freshness(Duration.ofMillis(200))));
        CertBundle leaf = ca.issueLeaf("fresh leaf").build();
        Issuer issuer = Issuer.of("ca", ca.holder());
        source.memory.good(issuer, leaf.serial());
        try (ResponderApp app = ResponderApp.start(config(source, CacheSettings.defaults()), Clock.systemUTC())) {
            URI uri = URI.create("http://127.0.0.1:" + app.addresses().get(0).getPort() + "/");
            byte[] request =
                    OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
            assertThat(status(uri, request)).isEqualTo(CertificateStatus.GOOD);
            source.memory.put(
                    issuer, leaf.serial(), CertStatus.revoked(Instant.now(), RevocationReason.KEY_COMPROMISE));
            Duration took = Await.until(
                    Duration.ofSeconds(30),
                    "the revocation is answered",
                    () -> status(uri, request) instanceof RevokedStatus);
            LoggerFactory.getLogger(ResponderAppTest.class)
                    .info("revocation answered {} ms after it was made (freshness bound 200 ms)", took.toMillis());
        }
    }

    private static CertificateStatus status(URI uri, byte[] request) throws Exception {
        return OcspPost.firstStatus(uri, request);
    }
}
