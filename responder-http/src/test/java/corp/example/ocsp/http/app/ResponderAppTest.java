package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.source.SourceSettings;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring with a status source that is not PostgreSQL: only the SPI and binding interfaces are used. */
class ResponderAppTest {
    @TempDir
    Path dir;

    private ServerConfig config(SourceSettings source, CacheSettings cache) throws Exception {
        return WiringConfig.write(dir, source, cache, "\"off\"");
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
