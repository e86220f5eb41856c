package corp.example.ocsp.core;

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
import corp.example.ocsp.core.response.SingleAnswer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OCSP responder: its CAs, each with a signer, its policies, and where it learns statuses.
 * {@link #respond(byte[])} turns request bytes into a complete answer; it never throws for any
 * input and never answers {@code good} for a serial the {@link StatusSource} does not know.
 * Thread-safe. It may block on the status source, so it is not for an event loop.
 */
public final class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);
    /** RFC 6960 §2.2: the revocationTime of a non-issued serial answered {@code revoked}. */
    private static final CertStatus NON_ISSUED =
            new CertStatus.Revoked(Instant.EPOCH, Optional.of(RevocationReason.CERTIFICATE_HOLD), Optional.empty());

    private final String name;
    private final ResponderSettings settings;
    private final RequestParser parser;
    private final IssuerRegistry registry;
    private final Map<Issuer, Binding> bindings;
    private final StatusSource source;
    private final Clock clock;
    private final ResponderMetrics metrics;

    private Responder(Builder b) {
        this.name = b.name;
        this.settings = b.settings;
        this.parser = new RequestParser(settings.maxCertIds());
        this.registry = IssuerRegistry.of(b.bindings.keySet());
        this.bindings = Map.copyOf(b.bindings);
        this.source = b.source;
        this.clock = b.clock;
        this.metrics = b.metrics;
    }

    public static Builder builder(String name, StatusSource source) {
        return new Builder(name, source);
    }

    /** The answer to the DER request {@code request}. */
    public OcspAnswer respond(byte[] request) {
        ParseResult parsed = parser.parse(request);
        if (parsed instanceof ParseFailure failure) {
            return OcspAnswer.error(failure.status(), List.of(), failure.reason());
        }
        ParsedRequest req = (ParsedRequest) parsed;
        List<String> serials = req.certs().stream().map(RequestedCert::serialHex).toList();

        // Every CertID must belong to one of our CAs, and one response has one signer.
        List<Issuer> issuers = new ArrayList<>(req.certs().size());
        Binding binding = null;
        for (RequestedCert cert : req.certs()) {
            Optional<Issuer> issuer = cert.hashAlgorithm().flatMap(a -> registry.find(a, cert.nameHash(), cert.keyHash()));
            if (issuer.isEmpty()) {
                return OcspAnswer.error(ErrorStatus.UNAUTHORIZED, serials,
                        "CertID of an issuer this responder does not serve (" + describe(cert) + ")");
            }
            Binding b = bindings.get(issuer.get());
            if (binding != null && binding.signer != b.signer) {
                return OcspAnswer.error(ErrorStatus.UNAUTHORIZED, serials,
                        "CertIDs of CAs with different signers in one request");
            }
            binding = b;
            issuers.add(issuer.get());
        }

        Instant now = clock.instant();
        if (now.isAfter(binding.signer.notAfter())) {
            log.error("responder {}: signer {} expired at {}; answering tryLater", name, binding.signer,
                    binding.signer.notAfter());
            return OcspAnswer.error(ErrorStatus.TRY_LATER, serials, "responder certificate expired");
        }

        Map<Issuer, Map<BigInteger, CertStatus>> statuses;
        try {
            statuses = lookup(req.certs(), issuers);
        } catch (StatusUnavailableException e) {
            return OcspAnswer.error(ErrorStatus.TRY_LATER, serials, "status source unavailable: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("responder {}: status lookup failed for serial(s) {}", name, serials, e);
            return OcspAnswer.error(ErrorStatus.INTERNAL_ERROR, serials, "status lookup failed: " + e);
        }

        Instant producedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant thisUpdate = now.truncatedTo(ChronoUnit.MINUTES);
        Instant nextUpdate = thisUpdate.plus(settings.validity()).minusSeconds(1);
        List<SingleAnswer> answers = new ArrayList<>(req.certs().size());
        List<Extension> extensions = new ArrayList<>(2);
        boolean authoritative = true;
        boolean revokedNonIssued = false;
        for (int i = 0; i < req.certs().size(); i++) {
            RequestedCert cert = req.certs().get(i);
            CertStatus status = statuses.get(issuers.get(i)).get(cert.serial());
            if (status == null) {
                log.error("responder {}: status source returned no status for serial {}", name, cert.serialHex());
                return OcspAnswer.error(ErrorStatus.INTERNAL_ERROR, serials, "status source skipped a serial");
            }
            if (status instanceof CertStatus.NotKnown) {
                authoritative = false;
                switch (settings.unknownSerial()) {
                    case UNAUTHORIZED:
                        return OcspAnswer.error(ErrorStatus.UNAUTHORIZED, serials, "serial not known to the store");
                    case REVOKED:
                        status = NON_ISSUED;
                        revokedNonIssued = true;
                        break;
                    case UNKNOWN:
                    default:
                        break;
                }
            } else if (status instanceof CertStatus.Revoked r && r.revokedAt().isAfter(producedAt)) {
                // revocationTime is never later than producedAt (RFC 6960 §2.2)
                status = new CertStatus.Revoked(producedAt, r.reason(), r.invalidityDate());
            }
            answers.add(new SingleAnswer(cert.certId(), status, thisUpdate, nextUpdate));
        }
        boolean echo = req.nonce().isPresent() && settings.nonce() == NoncePolicy.ECHO;
        if (echo) {
            Extension nonce = req.nonce().get();
            extensions.add(new Extension(nonce.getExtnId(), false, nonce.getExtnValue()));
        }
        if (revokedNonIssued) {
            extensions.add(ResponseEncoder.extendedRevoke());
        }

        byte[] der;
        try {
            long start = System.nanoTime();
            der = binding.encoder.encode(answers, producedAt, extensions);
            metrics.signed(name, System.nanoTime() - start);
        } catch (RuntimeException e) {
            log.error("responder {}: signing with {} failed", name, binding.signer, e);
            return OcspAnswer.error(ErrorStatus.INTERNAL_ERROR, serials, "signing failed: " + e);
        }
        Outcome outcome = outcome(answers);
        boolean cacheable = authoritative && !echo && answers.size() == 1;
        return new OcspAnswer(der, outcome, Optional.of(thisUpdate), Optional.of(nextUpdate), Optional.of(producedAt),
                cacheable, serials, "");
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

    /** The signer of {@code issuer}'s responses. */
    public ResponderSigner signer(Issuer issuer) {
        return bindings.get(issuer).signer;
    }

    private Map<Issuer, Map<BigInteger, CertStatus>> lookup(List<RequestedCert> certs, List<Issuer> issuers) {
        Map<Issuer, Set<BigInteger>> wanted = new LinkedHashMap<>();
        for (int i = 0; i < certs.size(); i++) {
            wanted.computeIfAbsent(issuers.get(i), k -> new LinkedHashSet<>()).add(certs.get(i).serial());
        }
        Map<Issuer, Map<BigInteger, CertStatus>> out = new LinkedHashMap<>();
        for (Map.Entry<Issuer, Set<BigInteger>> e : wanted.entrySet()) {
            Set<BigInteger> serials = e.getValue();
            out.put(e.getKey(), serials.size() == 1
                    ? Map.of(serials.iterator().next(), source.lookup(e.getKey(), serials.iterator().next()))
                    : source.lookupAll(e.getKey(), serials));
        }
        return out;
    }

    private static Outcome outcome(List<SingleAnswer> answers) {
        if (answers.size() > 1) {
            return Outcome.MULTIPLE;
        }
        CertStatus s = answers.get(0).status();
        return s instanceof CertStatus.Good ? Outcome.GOOD
                : s instanceof CertStatus.Revoked ? Outcome.REVOKED : Outcome.UNKNOWN;
    }

    private static String describe(RequestedCert cert) {
        return "hash " + cert.hashAlgorithm().map(HashAlgorithm::label)
                .orElse(cert.certId().getHashAlgorithm().getAlgorithm().getId()) + ", serial " + cert.serialHex();
    }

    private record Binding(ResponderSigner signer, ResponseEncoder encoder) {
    }

    /** Builds a {@link Responder}; at least one CA with its signer is required. */
    public static final class Builder {
        private final String name;
        private final StatusSource source;
        private final Map<Issuer, Binding> bindings = new LinkedHashMap<>();
        private ResponderSettings settings = ResponderSettings.defaults();
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
            Map<ResponderSigner, ResponseEncoder> encoders = new LinkedHashMap<>();
            bindings.replaceAll((ca, b) -> new Binding(b.signer,
                    encoders.computeIfAbsent(b.signer, s -> new ResponseEncoder(s, settings.responderIdByName()))));
            return new Responder(this);
        }
    }
}
