package corp.example.ocsp.http.source.cfssl;

import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.store.cfssl.Certdb;
import java.util.List;
import java.util.Optional;

/** The certdb opened for serving: lookups and reachability, and a freshness bound instead of a feed. */
final class CfsslSource implements OpenSource {
    private final Certdb certdb;
    private final Freshness freshness;

    CfsslSource(Certdb certdb, Freshness freshness) {
        this.certdb = certdb;
        this.freshness = freshness;
    }

    @Override
    public StatusSource statuses() {
        return certdb;
    }

    @Override
    public Reachability reachability() {
        return certdb;
    }

    @Override
    public Optional<Changes> changes() {
        return Optional.empty();
    }

    @Override
    public Optional<Freshness> freshness() {
        return Optional.of(freshness);
    }

    @Override
    public SourceAdmin admin() {
        return new CfsslAdmin(certdb, List.of(), () -> {}); // the certdb stays open: it serves
    }

    @Override
    public void close() {
        certdb.close();
    }

    @Override
    public String toString() {
        return "CFSSL certdb " + certdb.where();
    }
}
