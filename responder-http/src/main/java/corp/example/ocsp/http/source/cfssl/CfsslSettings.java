package corp.example.ocsp.http.source.cfssl;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.store.cfssl.Certdb;
import corp.example.ocsp.store.cfssl.DbConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** The validated {@code cfssl:} section. */
public record CfsslSettings(DbConfig dbConfig, Freshness freshness, Duration timeout, int poolSize)
        implements SourceSettings {

    @Override
    public String section() {
        return CfsslKind.SECTION;
    }

    @Override
    public OpenSource open() {
        return new CfsslSource(Certdb.open(dbConfig, timeout, poolSize), freshness);
    }

    @Override
    public SourceAdmin openAdmin() {
        return openAdmin(List::of);
    }

    @Override
    public SourceAdmin openAdmin(Supplier<List<Issuer>> configured) {
        List<Issuer> cas = configured.get();
        Certdb certdb = Certdb.open(dbConfig, timeout, 2);
        return new CfsslAdmin(certdb, cas, certdb::close);
    }

    @Override
    public String toString() {
        return "cfssl certdb " + dbConfig + ", freshness " + freshness.bound().toMillis() + " ms, timeout "
                + timeout.toMillis() + " ms, pool " + poolSize;
    }
}
