package corp.example.ocsp.core;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.request.ParsedRequest;
import corp.example.ocsp.core.request.RequestedCert;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.response.ResponseEncoder;
import corp.example.ocsp.core.response.SingleAnswer;
import corp.example.ocsp.core.signing.SigningUnavailableException;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusWindow;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns statuses into a signed answer under a responder's policies: the unknown-serial policy, the
 * nonce policy, the validity window (thisUpdate on the minute, nextUpdate = thisUpdate + validity
 * − 1 s, both narrowed to the source's {@link StatusWindow} when it sets one) and, for cacheable answers, when they should be replaced (refreshAt, inside BR 4.9.9).
 */
final class AnswerBuilder {
    private static final Logger log = LoggerFactory.getLogger(AnswerBuilder.class);
    /** RFC 6960 §2.2: the revocationTime of a non-issued serial answered {@code revoked}. */
    private static final CertStatus NON_ISSUED =
            new CertStatus.Revoked(Instant.EPOCH, Optional.of(RevocationReason.CERTIFICATE_HOLD), Optional.empty());

    private static final Duration SIXTEEN_HOURS = Duration.ofHours(16);

    private final String name;
    private final ResponderSettings settings;
    private final double refreshFraction;
    private final Clock clock;
    private final ResponderMetrics metrics;
    private final StatusSource source;

    AnswerBuilder(
            String name,
            ResponderSettings settings,
            double refreshFraction,
            Clock clock,
            ResponderMetrics metrics,
            StatusSource source) {
        this.name = name;
        this.source = source;
        this.settings = settings;
        this.refreshFraction = refreshFraction;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The signer in {@code binding} is usable now, or the tryLater answer to send. */
    Optional<OcspAnswer> checkSigner(Signers.Binding binding, List<String> serials) {
        if (clock.instant().isAfter(binding.signer().notAfter())) {
            log.error(
                    "responder {}: signer {} expired at {}; answering tryLater",
                    name,
                    binding.signer(),
                    binding.signer().notAfter());
            return Optional.of(
                    new OcspAnswer.Unsigned(ErrorStatus.TRY_LATER, serials, "responder certificate expired"));
        }
        return Optional.empty();
    }

    /**
     * The answer to {@code req}, whose i-th CertID is of {@code issuers.get(i)} and has status {@code
     * statuses.get(i)}.
     */
    OcspAnswer answer(
            ParsedRequest req,
            List<Issuer> issuers,
            Signers.Binding binding,
            List<CertStatus> statuses,
            List<String> serials) {
        List<CertID> certIds = new ArrayList<>(req.certs().size());
        for (RequestedCert cert : req.certs()) {
            certIds.add(cert.certId());
        }
        Optional<Extension> nonce = req.nonce().filter(n -> settings.nonce() == NoncePolicy.ECHO);
        return answer(certIds, window(issuers), binding, statuses, nonce, serials);
    }

    /** The narrowest window of the issuers' statuses, if the source sets any. */
    private Optional<StatusWindow> window(List<Issuer> issuers) {
        Optional<StatusWindow> w = Optional.empty();
        for (Issuer issuer : issuers) {
            Optional<StatusWindow> of = source.window(issuer);
            if (of.isPresent()) {
                w = Optional.of(w.map(of.get()::narrowedBy).orElse(of.get()));
            }
        }
        return w;
    }

    /** A response for one serial, with a CertID of {@code algorithm} with NULL parameters, as clients send it. */
    OcspAnswer answer(
            Issuer issuer,
            BigInteger serial,
            HashAlgorithm algorithm,
            boolean parametersAbsent,
            Signers.Binding binding,
            CertStatus status) {
        AlgorithmIdentifier hash = parametersAbsent
                ? new AlgorithmIdentifier(algorithm.oid())
                : new AlgorithmIdentifier(algorithm.oid(), DERNull.INSTANCE);
        CertID certId = new CertID(
                hash,
                new DEROctetString(issuer.nameHash(algorithm)),
                new DEROctetString(issuer.keyHash(algorithm)),
                new ASN1Integer(serial));
        return answer(
                List.of(certId),
                source.window(issuer),
                binding,
                List.of(status),
                Optional.empty(),
                List.of(SerialNumbers.hex(serial)));
    }

    private OcspAnswer answer(
            List<CertID> certIds,
            Optional<StatusWindow> window,
            Signers.Binding binding,
            List<CertStatus> statuses,
            Optional<Extension> nonce,
            List<String> serials) {
        Instant now = clock.instant();
        Instant producedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant thisUpdate = now.truncatedTo(ChronoUnit.MINUTES);
        Instant nextUpdate = thisUpdate.plus(settings.validity()).minusSeconds(1);
        Instant refreshAt = refreshAt(thisUpdate);
        if (window.isPresent()) { // statuses as of a CRL: no later than its thisUpdate, not past its nextUpdate
            StatusWindow w = window.get();
            if (!w.nextUpdate().isAfter(now)) {
                return new OcspAnswer.Unsigned(
                        ErrorStatus.TRY_LATER,
                        serials,
                        "the statuses expired at " + w.nextUpdate() + " (CRL nextUpdate)");
            }
            thisUpdate = w.thisUpdate().isBefore(thisUpdate) ? w.thisUpdate() : thisUpdate;
            if (w.nextUpdate().isBefore(nextUpdate)) {
                nextUpdate = w.nextUpdate();
                Instant halfway = now.plus(Duration.between(now, nextUpdate).dividedBy(2));
                refreshAt = halfway.isBefore(refreshAt) ? halfway : refreshAt;
            }
        }
        List<SingleAnswer> answers = new ArrayList<>(certIds.size());
        List<Extension> extensions = new ArrayList<>(2);
        boolean authoritative = true;
        boolean revokedNonIssued = false;
        for (int i = 0; i < certIds.size(); i++) {
            CertStatus status = statuses.get(i);
            if (status instanceof CertStatus.NotKnown) {
                authoritative = false;
                switch (settings.unknownSerial()) {
                    case UNAUTHORIZED:
                        return new OcspAnswer.Unsigned(
                                ErrorStatus.UNAUTHORIZED, serials, "serial not known to the store");
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
            answers.add(new SingleAnswer(certIds.get(i), status, thisUpdate, nextUpdate));
        }
        nonce.ifPresent(n -> extensions.add(new Extension(n.getExtnId(), false, n.getExtnValue())));
        if (revokedNonIssued) {
            extensions.add(ResponseEncoder.extendedRevoke());
        }

        return signed(
                binding,
                answers,
                producedAt,
                refreshAt,
                extensions,
                serials,
                authoritative && nonce.isEmpty() && answers.size() == 1);
    }

    /** {@code answers} signed; cacheable ones get their refresh time and ETag. */
    private OcspAnswer signed(
            Signers.Binding binding,
            List<SingleAnswer> answers,
            Instant producedAt,
            Instant refreshAt,
            List<Extension> extensions,
            List<String> serials,
            boolean cacheable) {
        byte[] der;
        try {
            long start = System.nanoTime();
            der = binding.encoder().encode(answers, producedAt, extensions);
            metrics.signed(name, System.nanoTime() - start);
        } catch (SigningUnavailableException e) {
            // the token's failure is logged once by the signer, not per request
            return new OcspAnswer.Unsigned(ErrorStatus.TRY_LATER, serials, "signer unavailable: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("responder {}: signing with {} failed", name, binding.signer(), e);
            return new OcspAnswer.Unsigned(ErrorStatus.INTERNAL_ERROR, serials, "signing failed: " + e);
        }
        Instant thisUpdate = answers.get(0).thisUpdate();
        Optional<OcspAnswer.Caching> caching =
                cacheable ? Optional.of(OcspAnswer.Caching.of(refreshAt, der)) : Optional.empty();
        return new OcspAnswer.Signed(
                der,
                outcome(answers),
                thisUpdate,
                answers.get(0).nextUpdate(),
                producedAt,
                binding.signer().notAfter(),
                caching,
                serials,
                false);
    }

    /**
     * When a response made at {@code thisUpdate} should be replaced: at the configured fraction of
     * its validity, but, per BR 4.9.9, before the halfway point for validities under 16 hours, and
     * otherwise at least 8 hours before nextUpdate and within 4 days of thisUpdate; then up to 10 %
     * earlier at random, so responses made together are not all re-signed together.
     */
    Instant refreshAt(Instant thisUpdate) {
        Duration validity = settings.validity();
        Duration limit = validity.compareTo(SIXTEEN_HOURS) < 0
                ? validity.dividedBy(2)
                : min(validity.minusHours(8), Duration.ofDays(4));
        Duration due = min(Duration.ofMillis((long) (validity.toMillis() * refreshFraction)), limit);
        long jitter = ThreadLocalRandom.current().nextLong(due.toMillis() / 10 + 1);
        return thisUpdate.plus(due).minusMillis(jitter);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Outcome outcome(List<SingleAnswer> answers) {
        if (answers.size() > 1) {
            return Outcome.MULTIPLE;
        }
        CertStatus s = answers.get(0).status();
        return s instanceof CertStatus.Good
                ? Outcome.GOOD
                : s instanceof CertStatus.Revoked ? Outcome.REVOKED : Outcome.UNKNOWN;
    }
}
