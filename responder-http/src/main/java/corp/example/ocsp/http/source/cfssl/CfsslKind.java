package corp.example.ocsp.http.source.cfssl;

import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.Section;
import corp.example.ocsp.http.source.SourceKind;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.store.cfssl.Certdb;
import corp.example.ocsp.store.cfssl.CertdbException;
import corp.example.ocsp.store.cfssl.DbConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code cfssl:} section: {@code dbConfig} (required: CFSSL's db-config JSON, read and checked
 * now), {@code freshness} (how long a cached answer is served before its row is read again; default
 * 500 ms), {@code timeout} (connection, SQLite busy and statement timeout; default 2 s) and {@code
 * poolSize} (default 8).
 */
public final class CfsslKind implements SourceKind {
    static final String SECTION = "cfssl";

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public SourceSettings read(Section s) throws ConfigException {
        Path file = s.requiredPath("dbConfig");
        DbConfig config;
        try {
            config = DbConfig.read(file);
        } catch (CertdbException e) {
            throw s.error(s.name("dbConfig"), e.getMessage());
        }
        Duration freshness =
                s.duration("freshness", Freshness.DEFAULT.bound(), Duration.ofMillis(10), Duration.ofHours(1));
        Duration timeout = s.duration("timeout", Certdb.DEFAULT_TIMEOUT, Duration.ofMillis(250), Duration.ofMinutes(1));
        int poolSize = s.integer("poolSize", 8, 1, 200);
        s.done();
        return new CfsslSettings(config, new Freshness(freshness), timeout, poolSize);
    }
}
