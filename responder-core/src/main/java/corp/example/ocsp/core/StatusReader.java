package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.request.ParsedRequest;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statuses a request needs, for {@link Responder#respond(FirstLook.Pending)}: from the
 * known-status cache, else from the {@link StatusSource} (one query per issuer for the misses), each
 * kept in the cache under the ticket taken before the lookup; and, for a source with a freshness
 * bound, whether a cached answer past its bound can be served again.
 */
final class StatusReader {
    private final ResponseCache cache;
    private final StatusSource source;
    private final Clock clock;

    StatusReader(ResponseCache cache, StatusSource source, Clock clock) {
        this.cache = cache;
        this.source = source;
        this.clock = clock;
    }

    /** One ticket per CertID, taken before the lookups: a change meanwhile voids what they find. */
    List<ResponseCache.Ticket> tickets(ParsedRequest req, List<Issuer> issuers) {
        List<ResponseCache.Ticket> tickets = new ArrayList<>(req.certs().size());
        for (int i = 0; i < req.certs().size(); i++) {
            tickets.add(cache.ticket(issuers.get(i), req.certs().get(i).serial()));
        }
        return tickets;
    }

    /**
     * The i-th CertID's status: the cached known status, else the source's.
     *
     * @throws StatusUnavailableException when the source cannot answer now
     */
    List<CertStatus> read(ParsedRequest req, List<Issuer> issuers, List<ResponseCache.Ticket> tickets) {
        int n = req.certs().size();
        CertStatus[] out = new CertStatus[n];
        Map<Issuer, Set<BigInteger>> misses = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            BigInteger serial = req.certs().get(i).serial();
            Optional<CertStatus> known = cache.status(issuers.get(i), serial);
            if (known.isPresent()) {
                out[i] = known.get();
            } else {
                misses.computeIfAbsent(issuers.get(i), k -> new LinkedHashSet<>())
                        .add(serial);
            }
        }
        Map<Issuer, Map<BigInteger, CertStatus>> found = new LinkedHashMap<>();
        for (Map.Entry<Issuer, Set<BigInteger>> e : misses.entrySet()) {
            found.put(e.getKey(), lookup(e.getKey(), e.getValue()));
        }
        for (int i = 0; i < n; i++) {
            if (out[i] == null) {
                out[i] = found.get(issuers.get(i)).get(req.certs().get(i).serial());
                if (out[i] == null) {
                    throw new IllegalStateException("the status source skipped serial "
                            + req.certs().get(i).serialHex());
                }
                cache.putStatus(tickets.get(i), out[i]);
            }
        }
        return List.of(out);
    }

    /** Every CertID's status from the known-status cache, or empty if one is not there (no lookup). */
    Optional<List<CertStatus>> known(ParsedRequest req, List<Issuer> issuers) {
        List<CertStatus> out = new ArrayList<>(req.certs().size());
        for (int i = 0; i < req.certs().size(); i++) {
            Optional<CertStatus> known =
                    cache.status(issuers.get(i), req.certs().get(i).serial());
            if (known.isEmpty()) {
                return Optional.empty();
            }
            out.add(known.get());
        }
        return Optional.of(out);
    }

    private Map<BigInteger, CertStatus> lookup(Issuer issuer, Collection<BigInteger> serials) {
        if (serials.size() == 1) {
            BigInteger serial = serials.iterator().next();
            return Map.of(serial, source.lookup(issuer, serial));
        }
        return source.lookupAll(issuer, serials);
    }

    /** The cached answer for {@code key} past its freshness bound, to serve while the source is unavailable. */
    Optional<OcspAnswer.Signed> heldWhileUnavailable(CacheKey key) {
        return cache.held(key, clock.instant()).map(ResponseCache.Held::answer).filter(this::signerValid);
    }

    /**
     * The cached answer for {@code key} when the source still says {@code status} (marked fresh
     * again), else empty. A change found this way (no feed told of it) is recorded as a change of the
     * serial, so every CertID hash of it follows, and {@code tickets}' first is replaced by the
     * change's, under which the new answer is cached.
     */
    Optional<OcspAnswer.Signed> stillCached(CacheKey key, List<ResponseCache.Ticket> tickets, CertStatus status) {
        Optional<OcspAnswer.Signed> same = cache.revalidated(tickets.get(0), key, status);
        if (same.isEmpty() && cache.held(key, clock.instant()).isPresent()) {
            tickets.set(0, cache.changed(key.issuer(), key.serial(), status));
        }
        return same.filter(this::signerValid);
    }

    private boolean signerValid(OcspAnswer.Signed answer) {
        return !clock.instant().isAfter(answer.signerExpiry());
    }
}
