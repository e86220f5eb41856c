package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.http.source.WritesRefusedException;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring with a status source that is not PostgreSQL: only the SPI and binding interfaces are used. */
class ResponderAppTest {
    @TempDir
    Path dir;

    /** A source with lookups and reachability but no change feed, like one with only a freshness bound. */
    private static final class FeedlessSource implements SourceSettings, OpenSource {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String section() {
            return "feedless";
        }

        @Override
        public OpenSource open() {
            return this;
        }

        @Override
        public SourceAdmin openAdmin() {
            return admin();
        }

        @Override
        public StatusSource statuses() {
            return new InMemoryStatusSource();
        }

        @Override
        public Reachability reachability() {
            return () -> {};
        }

        @Override
        public Optional<Changes> changes() {
            return Optional.empty();
        }

        @Override
        public SourceAdmin admin() {
            return new SourceAdmin() {
                @Override
                public String where() {
                    return "memory";
                }

                @Override
                public List<HeldIssuer> issuers() {
                    return List.of();
                }

                @Override
                public Optional<String> describe(String issuerLabel, BigInteger serial) {
                    return Optional.empty();
                }

                @Override
                public StatusWrites writes() {
                    throw new WritesRefusedException("this source is not the record: write to the CA's own");
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private ServerConfig config(SourceSettings source, CacheSettings cache) throws Exception {
        Ca ca = TestPki.newRoot("Wiring CA").build();
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
                .hasMessage(config.file() + ": feedless: this status source has no change feed, so cached answers "
                        + "could not follow its revocations; set cache.enabled: false");
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
}
