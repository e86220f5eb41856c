package corp.example.ocsp.http.source.routing;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.core.status.StatusWindow;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The shared source (if any) and each CA's own, as one: every lookup, change and inventory entry
 * comes from the source of its CA; the shared source's records of a CA with its own source are
 * ignored. Ready when every source answers; degraded when any says so. Cached answers follow the
 * sources with a change feed through it, and the shared one's freshness bound, if it has one.
 */
final class RoutedSource implements OpenSource, StatusSource, Reachability, StatusFeed, StatusInventory {
    private final Optional<OpenSource> shared;
    private final Map<Issuer, OpenSource> own;

    RoutedSource(Optional<OpenSource> shared, Map<Issuer, OpenSource> own) {
        this.shared = shared;
        this.own = Map.copyOf(own);
    }

    /** The source of {@code issuer}'s statuses, or empty when no source holds that CA. */
    private Optional<OpenSource> of(Issuer issuer) {
        OpenSource o = own.get(issuer);
        return o != null ? Optional.of(o) : shared;
    }

    @Override
    public StatusSource statuses() {
        return this;
    }

    /**
     * Whether a serial {@code issuer}'s own source does not know is asked of the shared source: its own
     * source (a CRL) cannot say what was issued, and there is a shared one (the store) that may.
     */
    private boolean issuanceFromShared(Issuer issuer) {
        OpenSource o = own.get(issuer);
        return o != null && !o.knowsIssuance() && shared.isPresent();
    }

    @Override
    public CertStatus lookup(Issuer issuer, BigInteger serial) {
        CertStatus s = of(issuer).map(o -> o.statuses().lookup(issuer, serial)).orElse(CertStatus.notKnown());
        return s instanceof CertStatus.NotKnown && issuanceFromShared(issuer)
                ? shared.get().statuses().lookup(issuer, serial) // issued (good), revoked there too, or not known
                : s;
    }

    @Override
    public Map<BigInteger, CertStatus> lookupAll(Issuer issuer, Collection<BigInteger> serials) {
        Optional<OpenSource> s = of(issuer);
        if (s.isEmpty()) {
            return StatusSource.super.lookupAll(issuer, serials);
        }
        Map<BigInteger, CertStatus> found = s.get().statuses().lookupAll(issuer, serials);
        if (!issuanceFromShared(issuer)) {
            return found;
        }
        List<BigInteger> notKnown = found.entrySet().stream()
                .filter(e -> e.getValue() instanceof CertStatus.NotKnown)
                .map(Map.Entry::getKey)
                .toList();
        if (notKnown.isEmpty()) {
            return found;
        }
        Map<BigInteger, CertStatus> out = new LinkedHashMap<>(found);
        out.putAll(shared.get().statuses().lookupAll(issuer, notKnown));
        return out;
    }

    @Override
    public Optional<StatusWindow> window(Issuer issuer) {
        return of(issuer).flatMap(s -> s.statuses().window(issuer));
    }

    @Override
    public Reachability reachability() {
        return this;
    }

    /** Every source answers, or the first that does not, named. */
    @Override
    public void check() {
        shared.ifPresent(s -> s.reachability().check());
        own.forEach((issuer, s) -> {
            try {
                s.reachability().check();
            } catch (StatusUnavailableException e) {
                throw new StatusUnavailableException("CA " + issuer.label() + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<String> degraded() {
        List<String> why = new ArrayList<>();
        shared.flatMap(s -> s.reachability().degraded()).ifPresent(why::add);
        own.values().forEach(s -> s.reachability().degraded().ifPresent(why::add));
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** Present when any source has a change feed: theirs, merged. */
    @Override
    public Optional<Changes> changes() {
        return fed().isEmpty() ? Optional.empty() : Optional.of(new Changes(this, this));
    }

    /** The sources with a change feed, each with the CAs it speaks for (null: all but the own ones). */
    private List<Map.Entry<OpenSource, Changes>> fed() {
        List<Map.Entry<OpenSource, Changes>> out = new ArrayList<>();
        shared.ifPresent(s -> s.changes().ifPresent(c -> out.add(Map.entry(s, c))));
        own.values().forEach(s -> s.changes().ifPresent(c -> out.add(Map.entry(s, c))));
        return out;
    }

    /**
     * A change or inventory entry of {@code source} is its CA's: the shared one's, of CAs without one
     * (and of those whose own source leaves issuance to it).
     */
    private boolean speaksFor(OpenSource source, Issuer issuer) {
        return of(issuer).map(s -> s == source).orElse(false)
                || (source == shared.orElse(null) && issuanceFromShared(issuer));
    }

    /** A change as the routed lookups now answer it, when two sources make the answer; empty if unreadable now. */
    private Optional<StatusChange> routed(StatusChange c) {
        if (!issuanceFromShared(c.issuer())) {
            return Optional.of(c);
        }
        try {
            return Optional.of(new StatusChange(c.issuer(), c.serial(), lookup(c.issuer(), c.serial())));
        } catch (StatusUnavailableException e) {
            return Optional.empty(); // the cached answer stays until its nextUpdate; a miss asks again
        }
    }

    @Override
    public Subscription subscribe(Consumer<StatusChange> subscriber) {
        return subscribeBatches(batch -> batch.forEach(subscriber));
    }

    /** Each source's batches, of the CAs it speaks for, as the routed lookups answer them. */
    @Override
    public Subscription subscribeBatches(Consumer<List<StatusChange>> subscriber) {
        List<Subscription> subs = new ArrayList<>();
        for (Map.Entry<OpenSource, Changes> f : fed()) {
            OpenSource source = f.getKey();
            subs.add(f.getValue().feed().subscribeBatches(batch -> {
                List<StatusChange> mine = batch.stream()
                        .filter(c -> speaksFor(source, c.issuer()))
                        .map(this::routed)
                        .flatMap(Optional::stream)
                        .toList();
                if (!mine.isEmpty()) {
                    subscriber.accept(mine);
                }
            }));
        }
        return () -> subs.forEach(Subscription::close);
    }

    /** What each source knows of its CAs; the shared one's entries of a CA with a CRL only when the CRL does not list them. */
    @Override
    public void forEachKnown(Consumer<KnownCertificate> action) {
        for (Map.Entry<OpenSource, Changes> f : fed()) {
            OpenSource source = f.getKey();
            f.getValue().inventory().forEachKnown(c -> {
                if (!speaksFor(source, c.issuer())) {
                    return;
                }
                if (source == shared.orElse(null) && issuanceFromShared(c.issuer())) {
                    try {
                        if (!(own.get(c.issuer()).statuses().lookup(c.issuer(), c.serial())
                                instanceof CertStatus.NotKnown)) {
                            return; // on the CRL: the CRL's entry is the one listed
                        }
                    } catch (StatusUnavailableException expired) {
                        return; // no current CRL: nothing of this CA is signed ahead
                    }
                }
                action.accept(c);
            });
        }
    }

    /** The shared source's freshness bound: its CAs' answers need it (the own sources have feeds). */
    @Override
    public Optional<Freshness> freshness() {
        return shared.flatMap(OpenSource::freshness);
    }

    @Override
    public SourceAdmin admin() {
        return new RoutedAdmin(shared.map(OpenSource::admin), own, () -> {}); // the sources stay open: they serve
    }

    @Override
    public void close() {
        own.values().forEach(OpenSource::close);
        shared.ifPresent(OpenSource::close);
    }

    @Override
    public String toString() {
        return shared.map(s -> s + "; ").orElse("")
                + own.entrySet().stream()
                        .map(e -> "CA " + e.getKey().label() + ": " + e.getValue())
                        .collect(Collectors.joining("; "));
    }
}
