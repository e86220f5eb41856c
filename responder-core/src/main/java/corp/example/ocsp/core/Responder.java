package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.issuer.IssuerRegistry;
import corp.example.ocsp.core.request.ParseFailure;
import corp.example.ocsp.core.request.ParseResult;
import corp.example.ocsp.core.request.ParsedRequest;
import corp.example.ocsp.core.request.RequestParser;
import corp.example.ocsp.core.request.RequestedCert;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.response.ResponseEncoder;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OCSP responder: its CAs, each with a signer, its policies, where it learns statuses, and its
 * cache of signed responses.
 *
 * <p>{@link #look} answers what it can without blocking (cached responses, malformed requests,
 * foreign issuers) and is meant for an event loop; {@link #respond(FirstLook.Pending)} does the
 * rest (status lookups, signing) on an executor. Neither throws for any input, and no serial the
 * {@link StatusSource} does not know is ever answered {@code good}. The change feed reaches the
 * cache through {@link #onChange}; {@link #precompute} and {@link #refreshDue} keep it full and
 * fresh. {@link #replaceSigners} rotates signing keys while it serves. Thread-safe.
 */
public final class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    private final String name;
    private final ResponderSettings settings;
    private final RequestParser parser;
    private final IssuerRegistry registry;
    /** Replaced as a whole when signers rotate; readers take one snapshot per request. */
    private volatile Map<Issuer, Binding> bindings;
    private final StatusSource source;
    private final Clock clock;
    private final ResponseCache cache;
    private final AnswerBuilder answers;

    /** A CA's signer with its encoder. */
    record Binding(ResponderSigner signer, ResponseEncoder encoder) {
    }

    private Responder(Builder b) {
        this.name = b.name;
        this.settings = b.settings;
        this.parser = new RequestParser(settings.maxCertIds());
        this.registry = IssuerRegistry.of(b.bindings.keySet());
        this.bindings = withEncoders(b.bindings, settings);
        this.source = b.source;
        this.clock = b.clock;
        this.cache = new ResponseCache(b.cacheSettings, b.clock);
        this.answers = new AnswerBuilder(name, settings, b.cacheSettings.refreshFraction(), b.clock, b.metrics);
    }

    public static Builder builder(String name, StatusSource source) {
        return new Builder(name, source);
    }

    /** The answer to the DER request {@code request}, blocking if it must. */
    public OcspAnswer respond(byte[] request) {
        FirstLook first = look(request);
        return first instanceof FirstLook.Answered a ? a.answer() : respond((FirstLook.Pending) first);
    }

    /** What can be answered without blocking: never touches the status source or signs. */
    public FirstLook look(byte[] request) {
        ParseResult parsed = parser.parse(request);
        if (parsed instanceof ParseFailure failure) {
            return new FirstLook.Answered(OcspAnswer.error(failure.status(), List.of(), failure.reason()));
        }
        ParsedRequest req = (ParsedRequest) parsed;
        List<String> serials = req.certs().stream().map(RequestedCert::serialHex).toList();
        // Every CertID must belong to one of our CAs, and one response has one signer.
        List<Issuer> issuers = new ArrayList<>(req.certs().size());
        Binding binding = null;
        Map<Issuer, Binding> bindings = this.bindings;
        for (RequestedCert cert : req.certs()) {
            Optional<Issuer> issuer = cert.hashAlgorithm().flatMap(a -> registry.find(a, cert.nameHash(), cert.keyHash()));
            if (issuer.isEmpty()) {
                return new FirstLook.Answered(OcspAnswer.error(ErrorStatus.UNAUTHORIZED, serials,
                        "CertID of an issuer this responder does not serve (" + describe(cert) + ")"));
            }
            Binding b = bindings.get(issuer.get());
            if (binding != null && binding.signer() != b.signer()) {
                return new FirstLook.Answered(OcspAnswer.error(ErrorStatus.UNAUTHORIZED, serials,
                        "CertIDs of CAs with different signers in one request"));
            }
            binding = b;
            issuers.add(issuer.get());
        }
        if (req.certs().size() == 1 && (req.nonce().isEmpty() || settings.nonce() == NoncePolicy.IGNORE)
                && sharesCachedAnswers(req.certs().get(0))) {
            Instant now = clock.instant();
            OcspAnswer hit = cache.get(key(issuers.get(0), req.certs().get(0)), now);
            // a response is only as good as its signer's certificate: past its expiry, respond() signs anew
            // (after a rotation) or says tryLater
            if (hit != null && !now.isAfter(hit.signerExpiry().orElse(Instant.MIN))) {
                return new FirstLook.Answered(hit);
            }
        }
        return new FirstLook.Pending(req, issuers, serials, binding);
    }

    /** Finishes {@code pending}: statuses from the cache or the source, then signing. May block. */
    public OcspAnswer respond(FirstLook.Pending pending) {
        ParsedRequest req = pending.request;
        Binding binding = pending.binding;
        Optional<OcspAnswer> expired = answers.checkSigner(binding, pending.serials);
        if (expired.isPresent()) {
            return expired.get();
        }
        int n = req.certs().size();
        long[] generations = new long[n];
        for (int i = 0; i < n; i++) {
            generations[i] = cache.generation(pending.issuers.get(i), req.certs().get(i).serial());
        }
        List<CertStatus> statuses;
        try {
            statuses = statuses(req, pending.issuers, generations);
        } catch (StatusUnavailableException e) {
            return OcspAnswer.error(ErrorStatus.TRY_LATER, pending.serials, "status source unavailable: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            log.error("responder {}: status lookup failed for serial(s) {}", name, pending.serials, e);
            return OcspAnswer.error(ErrorStatus.INTERNAL_ERROR, pending.serials, "status lookup failed: " + e);
        }
        OcspAnswer answer = answers.answer(req, binding, statuses, pending.serials);
        if (answer.cacheable() && sharesCachedAnswers(req.certs().get(0))) {
            cache.put(key(pending.issuers.get(0), req.certs().get(0)), answer, generations[0]);
        }
        return answer;
    }

    /** The i-th status: the cached known status, else the source's (one query per issuer for the misses). */
    private List<CertStatus> statuses(ParsedRequest req, List<Issuer> issuers, long[] generations) {
        int n = req.certs().size();
        CertStatus[] out = new CertStatus[n];
        Map<Issuer, Set<BigInteger>> misses = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            BigInteger serial = req.certs().get(i).serial();
            Optional<CertStatus> known = cache.status(issuers.get(i), serial);
            if (known.isPresent()) {
                out[i] = known.get();
            } else {
                misses.computeIfAbsent(issuers.get(i), k -> new LinkedHashSet<>()).add(serial);
            }
        }
        Map<Issuer, Map<BigInteger, CertStatus>> found = new LinkedHashMap<>();
        for (Map.Entry<Issuer, Set<BigInteger>> e : misses.entrySet()) {
            found.put(e.getKey(), lookup(e.getKey(), e.getValue()));
        }
        for (int i = 0; i < n; i++) {
            if (out[i] == null) {
                BigInteger serial = req.certs().get(i).serial();
                out[i] = found.get(issuers.get(i)).get(serial);
                if (out[i] == null) {
                    throw new IllegalStateException("the status source skipped serial " + req.certs().get(i).serialHex());
                }
                cache.putStatus(issuers.get(i), serial, out[i], generations[i]);
            }
        }
        return List.of(out);
    }

    private Map<BigInteger, CertStatus> lookup(Issuer issuer, Collection<BigInteger> serials) {
        if (serials.size() == 1) {
            BigInteger serial = serials.iterator().next();
            return Map.of(serial, source.lookup(issuer, serial));
        }
        return source.lookupAll(issuer, serials);
    }

    /**
     * Fills the cache from {@code inventory}: the status of every known certificate of this
     * responder's CAs, and signed responses (the configured CertID hash algorithms, with NULL
     * parameters, as clients send them) for those not expired. A change that arrives through
     * {@link #onChange} while this runs wins over what the inventory said. Blocking, for a
     * background thread; returns how many certificates got responses.
     */
    public int precompute(StatusInventory inventory) {
        if (!cache.settings().enabled()) {
            return 0;
        }
        long[] generations = cache.generations(); // before reading: later changes make these stale
        List<KnownCertificate> known = new ArrayList<>();
        inventory.forEachKnown(c -> {
            if (serves(c.issuer())) {
                known.add(c);
            }
        });
        int signed = 0;
        for (KnownCertificate c : known) {
            long generation = ResponseCache.generation(generations, c.issuer(), c.serial());
            cache.putStatus(c.issuer(), c.serial(), c.status(), generation);
            if (c.notAfter().map(t -> t.isAfter(clock.instant())).orElse(true)) {
                sign(c.issuer(), c.serial(), c.status(), binding(c.issuer()), generation);
                signed++;
            }
        }
        return signed;
    }

    private void sign(Issuer issuer, BigInteger serial, CertStatus status, Binding binding, long generation) {
        if (status instanceof CertStatus.NotKnown || clock.instant().isAfter(binding.signer().notAfter())) {
            return;
        }
        for (HashAlgorithm a : cache.settings().precompute()) {
            OcspAnswer answer = answers.answer(issuer, serial, a, false, binding, status);
            cache.put(new CacheKey(issuer, serial, a, false), answer, generation);
        }
    }

    /**
     * A committed change from the status feed: the serial's cached responses are dropped at once
     * (later requests see the new status), and new ones are signed on {@code background}.
     */
    public void onChange(StatusChange change, Executor background) {
        if (!serves(change.issuer())) {
            return;
        }
        long generation = cache.changed(change.issuer(), change.serial(), change.status());
        if (cache.settings().enabled() && !(change.status() instanceof CertStatus.NotKnown)) {
            background.execute(() -> sign(change.issuer(), change.serial(), change.status(), binding(change.issuer()),
                    generation));
        }
    }

    /**
     * Re-signs up to {@code max} cached responses whose refresh time has come, with the status the
     * cache (kept by the feed) or the source holds. Returns how many were re-signed. Blocking; for a
     * background thread.
     */
    public int refreshDue(int max) {
        int done = 0;
        for (Map.Entry<CacheKey, OcspAnswer> e : cache.due(clock.instant(), max)) {
            if (resign(e.getKey())) {
                done++;
            }
        }
        return done;
    }

    /**
     * Signs {@code key}'s response anew with the current signer and the status the cache (kept by
     * the feed) or the source holds; false if the status is unavailable (the current response is
     * served until its nextUpdate) or no longer known (the entry is dropped).
     */
    private boolean resign(CacheKey key) {
        long generation = cache.generation(key.issuer(), key.serial());
        CertStatus status;
        try {
            status = cache.status(key.issuer(), key.serial()).orElseGet(() -> source.lookup(key.issuer(), key.serial()));
        } catch (RuntimeException unavailable) {
            return false;
        }
        if (status instanceof CertStatus.NotKnown) {
            cache.changed(key.issuer(), key.serial(), status);
            return false;
        }
        cache.put(key, answers.answer(key.issuer(), key.serial(), key.algorithm(), key.parametersAbsent(),
                binding(key.issuer()), status), generation);
        return true;
    }

    /**
     * Signs {@code signers}' CAs' responses with the new signers from now on (a key rotation); other
     * CAs keep theirs. Requests being answered finish with the signer they started with. Cached
     * responses stay served until {@link #resignCached} replaces them, each only while its own
     * signer's certificate is valid.
     *
     * @throws IllegalArgumentException if a CA is not one this responder answers for
     */
    public synchronized void replaceSigners(Map<Issuer, ResponderSigner> signers) {
        Map<Issuer, Binding> next = new LinkedHashMap<>(bindings);
        signers.forEach((issuer, signer) -> {
            if (!next.containsKey(issuer)) {
                throw new IllegalArgumentException("responder " + name + " does not answer for CA " + issuer.label());
            }
            next.put(issuer, new Binding(Objects.requireNonNull(signer, "signer"), null));
        });
        bindings = withEncoders(next, settings);
    }

    /**
     * Signs again, with the current signers, every cached response of {@code issuers} (after
     * {@link #replaceSigners}). Blocking, for a background thread; returns how many were signed.
     */
    public int resignCached(Set<Issuer> issuers) {
        int done = 0;
        for (CacheKey key : cache.keys(k -> issuers.contains(k.issuer()))) {
            if (resign(key)) {
                done++;
            }
        }
        return done;
    }

    private Binding binding(Issuer issuer) {
        return bindings.get(issuer);
    }

    /** An immutable copy of {@code bindings}, with one encoder per distinct signer. */
    private static Map<Issuer, Binding> withEncoders(Map<Issuer, Binding> bindings, ResponderSettings settings) {
        Map<ResponderSigner, ResponseEncoder> encoders = new LinkedHashMap<>();
        bindings.values().stream().filter(b -> b.encoder() != null).forEach(b -> encoders.put(b.signer(), b.encoder()));
        Map<Issuer, Binding> out = new LinkedHashMap<>();
        bindings.forEach((ca, b) -> out.put(ca, new Binding(b.signer(),
                encoders.computeIfAbsent(b.signer(), s -> new ResponseEncoder(s, settings.responderIdByName())))));
        return Collections.unmodifiableMap(out);
    }

    /**
     * True when {@code cert}'s hashAlgorithm parameters are absent or NULL, the two forms a cache
     * key tells apart. An answer echoes its request's CertID, so one for any other parameters is
     * neither served from the cache nor put in it: it was, and every later client got a CertID
     * that was not the one it sent.
     */
    private static boolean sharesCachedAnswers(RequestedCert cert) {
        ASN1Encodable parameters = cert.certId().getHashAlgorithm().getParameters();
        return parameters == null || parameters instanceof ASN1Null;
    }

    private static CacheKey key(Issuer issuer, RequestedCert cert) {
        return new CacheKey(issuer, cert.serial(), cert.hashAlgorithm().orElseThrow(),
                cert.certId().getHashAlgorithm().getParameters() == null);
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
        return bindings.containsKey(issuer);
    }

    /** The signer of {@code issuer}'s responses. */
    public ResponderSigner signer(Issuer issuer) {
        return binding(issuer).signer();
    }

    /** The response and status cache, for metrics. */
    public ResponseCache cache() {
        return cache;
    }

    private static String describe(RequestedCert cert) {
        return "hash " + cert.hashAlgorithm().map(HashAlgorithm::label)
                .orElse(cert.certId().getHashAlgorithm().getAlgorithm().getId()) + ", serial " + cert.serialHex();
    }

    /** Builds a {@link Responder}; at least one CA with its signer is required. */
    public static final class Builder {
        private final String name;
        private final StatusSource source;
        private final Map<Issuer, Binding> bindings = new LinkedHashMap<>();
        private ResponderSettings settings = ResponderSettings.defaults();
        private CacheSettings cacheSettings = CacheSettings.disabled();
        private Clock clock = Clock.systemUTC();
        private ResponderMetrics metrics = ResponderMetrics.Noop.INSTANCE;

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

        public Builder metrics(ResponderMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Answers for {@code ca}, signing with {@code signer} (loaded and checked for this CA). */
        public Builder issuer(Issuer ca, ResponderSigner signer) {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(signer, "signer");
            bindings.put(ca, new Binding(signer, null));
            return this;
        }

        public Responder build() {
            if (bindings.isEmpty()) {
                throw new IllegalStateException("responder " + name + " has no CA to answer for");
            }
            return new Responder(this);
        }
    }
}
