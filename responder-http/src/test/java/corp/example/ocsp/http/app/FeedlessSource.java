package corp.example.ocsp.http.app;

import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.http.source.WritesRefusedException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A source with lookups and reachability but no change feed, like one with only a freshness bound. */
final class FeedlessSource implements SourceSettings, OpenSource {
    final AtomicBoolean closed = new AtomicBoolean();
    final InMemoryStatusSource memory = new InMemoryStatusSource();
    private final Optional<Freshness> freshness;

    /** With neither a change feed nor a freshness bound. */
    FeedlessSource() {
        this(Optional.empty());
    }

    FeedlessSource(Optional<Freshness> freshness) {
        this.freshness = freshness;
    }

    @Override
    public Optional<Freshness> freshness() {
        return freshness;
    }

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
        return memory;
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
