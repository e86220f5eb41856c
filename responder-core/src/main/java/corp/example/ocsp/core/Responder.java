package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.CacheFigures;
import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.MemoryPressure;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.cache.StoredResponses;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.issuer.IssuerRegistry;
import corp.example.ocsp.core.request.ParseFailure;
import corp.example.ocsp.core.request.ParseResult;
import corp.example.ocsp.core.request.ParsedRequest;
import corp.example.ocsp.core.request.RequestParser;
import corp.example.ocsp.core.request.RequestedCert;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OCSP responder: its CAs, each with a signer, its policies, where it learns statuses, and its
 * cache of signed responses.
 *
 * <p>{@link #look} answers what it can without blocking (cached responses, malformed requests,
 * foreign issuers) and is meant for an event loop; {@link #respond(FirstLook.Pending)} does the
 * rest (status lookups, signing) on an executor. Neither throws for any input, and no serial the
 * {@link StatusSource} does not know is ever answered {@code good}. Its {@link #cacheMaintainer()}
 * keeps the cache full, fresh and in step with the change feed; {@link #replaceSigners} rotates
 * signing keys while it serves. Thread-safe.
 */
public final class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    private final String name;
    private final ResponderSettings settings;
    private final RequestParser parser;
    private final IssuerRegistry registry;
    private final Signers signers;
    private final StatusSource source;
    private final Clock clock;
    private final ResponseCache cache;
    private final AnswerBuilder answers;
    private final StatusReader reader;
    private final CacheMaintainer maintainer;

    private Responder(Builder b) {
        this.name = b.name;
        this.settings = b.settings;
        this.parser = new RequestParser(settings.maxCertIds());
        this.registry = IssuerRegistry.of(b.signers.keySet());
        this.signers = new Signers(name, b.signers, settings.responderIdByName());
        this.source = b.source;
        this.clock = b.clock;
        this.cache = new ResponseCache(b.cacheSettings, b.clock, b.freshness, b.pressure, b.store);
        this.answers =
                new AnswerBuilder(name, settings, b.cacheSettings.refreshFraction(), b.clock, b.metrics, b.source);
        this.reader = new StatusReader(cache, b.source, b.clock);
        this.maintainer = new CacheMaintainer(cache, signers, answers, source, clock);
    }

    public static Builder builder(String name, StatusSource source) {
        return new Builder(name, source);
    }

    /** The answer to the DER request {@code request}, blocking if it must. */
    public OcspAnswer respond(byte[] request) {
        FirstLook first = look(request);
        return first instanceof FirstLook.Answered a ? a.answer() : respond((FirstLook.Pending) first);
    }

    /**
     * What can be answered without blocking: never touches the status source or signs. An answer
     * from the cache says {@link OcspAnswer.Signed#cached()}.
     */
    public FirstLook look(byte[] request) {
        ParseResult parsed = parser.parse(request);
        if (parsed instanceof ParseFailure failure) {
            return new FirstLook.Answered(new OcspAnswer.Unsigned(failure.status(), List.of(), failure.reason()));
        }
        ParsedRequest req = (ParsedRequest) parsed;
        List<String> serials = serials(req.certs());
        // Every CertID must belong to one of our CAs, and one response has one signer.
        List<Issuer> issuers = new ArrayList<>(req.certs().size());
        Signers.Binding binding = null;
        Map<Issuer, Signers.Binding> bindings = signers.now();
        for (RequestedCert cert : req.certs()) {
            Optional<Issuer> issuer =
                    cert.hashAlgorithm().flatMap(a -> registry.find(a, cert.nameHash(), cert.keyHash()));
            if (issuer.isEmpty()) {
                return new FirstLook.Answered(new OcspAnswer.Unsigned(
                        ErrorStatus.UNAUTHORIZED,
                        serials,
                        "CertID of an issuer this responder does not serve (" + describe(cert) + ")"));
            }
            Signers.Binding b = bindings.get(issuer.get());
            if (binding != null && binding.signer() != b.signer()) {
                return new FirstLook.Answered(new OcspAnswer.Unsigned(
                        ErrorStatus.UNAUTHORIZED, serials, "CertIDs of CAs with different signers in one request"));
            }
            binding = b;
            issuers.add(issuer.get());
        }
        Optional<CacheKey> key = cacheKey(req, issuers);
        if (key.isPresent()) {
            Instant now = clock.instant();
            OcspAnswer.Signed hit = cache.get(key.get(), now);
            // a response is only as good as its signer's certificate: past its expiry, respond() signs anew
            // (after a rotation) or says tryLater
            if (hit != null && !now.isAfter(hit.signerExpiry())) {
                return new FirstLook.Answered(hit);
            }
        }
        return new FirstLook.Pending(req, issuers, serials, binding);
    }

    /** The serials of {@code certs} in hex, for logs (without a stream: this runs for every request). */
    private static List<String> serials(List<RequestedCert> certs) {
        String[] hex = new String[certs.size()];
        for (int i = 0; i < hex.length; i++) {
            hex[i] = certs.get(i).serialHex();
        }
        return List.of(hex);
    }

    /** The cache key of a request the cache may answer: one CertID, and no nonce that must be echoed. */
    private Optional<CacheKey> cacheKey(ParsedRequest req, List<Issuer> issuers) {
        return req.certs().size() == 1 && (req.nonce().isEmpty() || settings.nonce() == NoncePolicy.IGNORE)
                ? CacheKey.of(issuers.get(0), req.certs().get(0))
                : Optional.empty();
    }

    /**
     * Finishes {@code pending}: statuses from the cache or the source, then signing. May block. A
     * cached answer past its freshness bound is served again if the source still says the same, and
     * while the source is unavailable.
     */
    public OcspAnswer respond(FirstLook.Pending pending) {
        ParsedRequest req = pending.request;
        Optional<OcspAnswer> expired = answers.checkSigner(pending.binding, pending.serials);
        if (expired.isPresent()) {
            return expired.get();
        }
        List<ResponseCache.Ticket> tickets = reader.tickets(req, pending.issuers);
        Optional<CacheKey> key = cacheKey(req, pending.issuers);
        if (key.isPresent()) { // what the heap tier does not hold, read here, off the event loop
            Instant now = clock.instant();
            OcspAnswer.Signed stored = cache.stored(tickets.get(0), key.get(), now);
            if (stored != null && !now.isAfter(stored.signerExpiry())) {
                return stored;
            }
        }
        List<CertStatus> statuses;
        try {
            statuses = reader.read(req, pending.issuers, tickets);
        } catch (StatusUnavailableException e) {
            Optional<OcspAnswer.Signed> held = key.flatMap(reader::heldWhileUnavailable);
            if (held.isPresent()) {
                return held.get(); // past its freshness bound, but the last the source said
            }
            return new OcspAnswer.Unsigned(
                    ErrorStatus.TRY_LATER, pending.serials, "status source unavailable: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("responder {}: status lookup failed for serial(s) {}", name, pending.serials, e);
            return new OcspAnswer.Unsigned(ErrorStatus.INTERNAL_ERROR, pending.serials, "status lookup failed: " + e);
        }
        if (key.isPresent()) {
            Optional<OcspAnswer.Signed> same = reader.stillCached(key.get(), tickets, statuses.get(0));
            if (same.isPresent()) {
                return same.get(); // the source still says what the cached answer says
            }
        }
        OcspAnswer answer = answers.answer(req, pending.issuers, pending.binding, statuses, pending.serials);
        if (answer instanceof OcspAnswer.Signed signed && signed.cacheable()) {
            key.ifPresent(k -> cache.put(tickets.get(0), k, signed, statuses.get(0)));
        }
        return answer;
    }

    /**
     * Finishes {@code pending} on the calling thread when nothing in it can block, else empty (then
     * {@link #respond(FirstLook.Pending)} on an executor): a request the cache cannot hold (a nonce
     * to echo, several CertIDs), so no stored answer is read; every status in the known-status
     * cache, so the source is not asked; and a signer whose key is in memory (never a token's)
     * and signs within {@link #INLINE_SIGNATURE} on average. For an event loop that would otherwise
     * hand the request to a signing thread and wait to be woken with the answer.
     */
    public Optional<OcspAnswer> respondWithoutBlocking(FirstLook.Pending pending) {
        if (cacheKey(pending.request, pending.issuers).isPresent()
                || !pending.binding.signer().signsInMemoryWithin(INLINE_SIGNATURE)) {
            return Optional.empty();
        }
        Optional<OcspAnswer> expired = answers.checkSigner(pending.binding, pending.serials);
        if (expired.isPresent()) {
            return expired;
        }
        return reader.known(pending.request, pending.issuers)
                .map(statuses ->
                        answers.answer(pending.request, pending.issuers, pending.binding, statuses, pending.serials));
    }

    /**
     * Signatures at most this long on average may be made by {@link #respondWithoutBlocking}: P-256
     * (about 15 µs with AWS-LC here) and Ed25519 are; P-384 and RSA, which would hold an event loop
     * for 100 µs to a millisecond, are not.
     */
    public static final Duration INLINE_SIGNATURE = Duration.ofNanos(60_000);

    /**
     * Signs {@code signers}' CAs' responses with the new signers from now on (a key rotation); other
     * CAs keep theirs. Requests being answered finish with the signer they started with. Cached
     * responses stay served until {@link CacheMaintainer#resignCached} replaces them, each only
     * while its own signer's certificate is valid.
     *
     * @throws IllegalArgumentException if a CA is not one this responder answers for
     */
    public void replaceSigners(Map<Issuer, ResponderSigner> signers) {
        this.signers.replace(signers);
        cache.signersReplaced(signers);
    }

    /** What keeps this responder's cache full and fresh: precompute, the change feed, refresh, re-signing. */
    public CacheMaintainer cacheMaintainer() {
        return maintainer;
    }

    /** How much this responder's cache holds, for metrics and logs. */
    public CacheFigures cacheFigures() {
        return cache.figures();
    }

    /** This responder's name, as in configuration and logs. */
    public String name() {
        return name;
    }

    public ResponderSettings settings() {
        return settings;
    }

    /** The CAs this responder answers for. */
    public List<Issuer> issuers() {
        return registry.issuers();
    }

    /** True if this responder answers for {@code issuer}. */
    public boolean serves(Issuer issuer) {
        return signers.serves(issuer);
    }

    /** The signer of {@code issuer}'s responses. */
    public ResponderSigner signer(Issuer issuer) {
        return signers.of(issuer).signer();
    }

    private static String describe(RequestedCert cert) {
        return "hash "
                + cert.hashAlgorithm()
                        .map(HashAlgorithm::label)
                        .orElse(cert.certId().getHashAlgorithm().getAlgorithm().getId())
                + ", serial " + cert.serialHex();
    }

    /** Builds a {@link Responder} and its {@link CacheMaintainer}; at least one CA with its signer is required. */
    public static final class Builder {
        private final String name;
        private final StatusSource source;
        private final Map<Issuer, ResponderSigner> signers = new LinkedHashMap<>();
        private ResponderSettings settings = ResponderSettings.defaults();
        private CacheSettings cacheSettings = CacheSettings.disabled();
        private Clock clock = Clock.systemUTC();
        private ResponderMetrics metrics = ResponderMetrics.Noop.INSTANCE;
        private Optional<Freshness> freshness = Optional.empty();
        private MemoryPressure pressure = MemoryPressure.ofThisJvm();
        private Optional<StoredResponses> store = Optional.empty();

        private Builder(String name, StatusSource source) {
            this.name = Objects.requireNonNull(name, "name");
            this.source = Objects.requireNonNull(source, "source");
        }

        public Builder settings(ResponderSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Caching of signed responses and known statuses; off unless set. */
        public Builder cache(CacheSettings cacheSettings) {
            this.cacheSettings = Objects.requireNonNull(cacheSettings, "cacheSettings");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * For a source without a change feed: cached answers are served for at most {@code freshness}
         * after their status was read, then read again ({@link Freshness}). Without it, the cache
         * relies on {@link CacheMaintainer#onChange} for every change.
         */
        public Builder freshness(Freshness freshness) {
            this.freshness = Optional.of(freshness);
            return this;
        }

        /** When the cache must stop growing; this JVM's heap unless set ({@link MemoryPressure#ofThisJvm()}). */
        public Builder memoryPressure(MemoryPressure pressure) {
            this.pressure = Objects.requireNonNull(pressure, "pressure");
            return this;
        }

        /**
         * A persistent store behind the cache's heap tier (with a change feed only, not with
         * {@link #freshness}); the caller opens it for this responder's CAs and closes it after.
         */
        public Builder store(StoredResponses store) {
            this.store = Optional.of(store);
            return this;
        }

        public Builder metrics(ResponderMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Answers for {@code ca}, signing with {@code signer} (loaded and checked for this CA). */
        public Builder issuer(Issuer ca, ResponderSigner signer) {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(signer, "signer");
            signers.put(ca, signer);
            return this;
        }

        public Responder build() {
            if (signers.isEmpty()) {
                throw new IllegalStateException("responder " + name + " has no CA to answer for");
            }
            return new Responder(this);
        }
    }
}
