package corp.example.ocsp.http.soak;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.soak.OcspClient.HttpAnswer;
import corp.example.ocsp.http.soak.Tally.Outcome;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Judges every answer of the soak. Bad: anything but HTTP 200 {@code application/ocsp-response}
 * holding a successful OCSP response or tryLater, a signature that does not verify with the
 * responder's key, a CertID other than the one asked for, an expired response or one from the
 * future, a nonce not echoed exactly (or one echoed that was not sent). Wrong: a status that is not
 * the truth ({@code unknown} for an unknown serial, {@code good} for a certificate never revoked,
 * {@code revoked} with the recorded reason and time for a revoked one, never {@code revoked} before
 * the revoker meant it). Good answers for a certificate being revoked are kept on the {@link Leaf}
 * and judged when the run is over, once it is known when the revocation was first seen.
 */
final class AnswerChecker {
    /** How far the machine's clock and the responder's may be apart (one clock here, so: rounding). */
    static final Duration SKEW = Duration.ofSeconds(1);

    private final ContentVerifierProvider verifier;
    private final Chaos chaos;
    private final Tally tally;
    private final boolean afterTheFact;

    /**
     * A checker for the load, or with {@code afterTheFact} for the end check, when every revocation
     * whose commit returned must be answered revoked.
     */
    AnswerChecker(PublicKey responderKey, Chaos chaos, Tally tally, boolean afterTheFact) {
        try {
            this.verifier = new JcaContentVerifierProviderBuilder()
                    .setProvider(TestPki.provider())
                    .build(responderKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
        this.chaos = chaos;
        this.tally = tally;
        this.afterTheFact = afterTheFact;
    }

    Tally tally() {
        return tally;
    }

    /** A request that got no HTTP answer at all (refused, reset, timed out). */
    Outcome failed(Probe p, Instant sentAt, Exception e) {
        return bad(p, sentAt, "no answer: " + e);
    }

    Outcome check(Probe p, Instant sentAt, Instant receivedAt, HttpAnswer a) {
        if (a.status() != 200) {
            return bad(p, sentAt, "HTTP " + a.status());
        }
        if (a.contentType() == null || !a.contentType().equalsIgnoreCase("application/ocsp-response")) {
            return bad(p, sentAt, "Content-Type " + a.contentType());
        }
        OCSPResp resp;
        BasicOCSPResp basic;
        try {
            resp = new OCSPResp(a.body());
            if (resp.getStatus() == OCSPResp.TRY_LATER) {
                tally.count(p, Outcome.TRY_LATER, chaos.during(sentAt) || chaos.during(receivedAt));
                return Outcome.TRY_LATER;
            }
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                return bad(p, sentAt, "OCSP status " + resp.getStatus());
            }
            basic = (BasicOCSPResp) resp.getResponseObject();
            if (!basic.isSignatureValid(verifier)) {
                return bad(p, sentAt, "signature does not verify with the responder certificate");
            }
        } catch (IOException | OCSPException | RuntimeException e) {
            return bad(p, sentAt, "not an OCSP response: " + e);
        }
        SingleResp[] singles = basic.getResponses();
        if (singles.length != 1) {
            return bad(p, sentAt, singles.length + " SingleResponses for one CertID");
        }
        SingleResp single = singles[0];
        Optional<String> problem = shapeProblem(p, receivedAt, basic, single);
        if (problem.isPresent()) {
            return bad(p, sentAt, problem.get());
        }
        return judge(p, sentAt, receivedAt, single);
    }

    /** What is wrong with the response as a response: CertID, times, nonce. */
    private static Optional<String> shapeProblem(Probe p, Instant receivedAt, BasicOCSPResp basic, SingleResp single) {
        byte[] certId;
        try {
            certId = single.getCertID().toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            return Optional.of("CertID cannot be encoded: " + e);
        }
        if (!Arrays.equals(certId, p.certIdDer())) {
            return Optional.of("CertID differs from the one asked for");
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (single.getNextUpdate() == null) {
            return Optional.of("no nextUpdate");
        }
        Instant nextUpdate = single.getNextUpdate().toInstant();
        if (!nextUpdate.isAfter(receivedAt)) {
            return Optional.of("expired: nextUpdate " + nextUpdate + " not after " + receivedAt);
        }
        if (thisUpdate.isAfter(receivedAt.plus(SKEW))) {
            return Optional.of("thisUpdate " + thisUpdate + " in the future (received " + receivedAt + ")");
        }
        if (basic.getProducedAt().toInstant().isAfter(receivedAt.plus(SKEW))) {
            return Optional.of("producedAt " + basic.getProducedAt().toInstant() + " in the future");
        }
        Extension nonce = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (p.nonce() == null && nonce != null) {
            return Optional.of("a nonce in the answer to a request without one");
        }
        if (p.nonce() != null) {
            if (nonce == null) {
                return Optional.of("nonce not echoed");
            }
            byte[] expected;
            try {
                expected = new DEROctetString(p.nonce()).getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (!Arrays.equals(nonce.getExtnValue().getOctets(), expected)) {
                return Optional.of("nonce echoed differently");
            }
        }
        return Optional.empty();
    }

    /** The status against the truth. */
    private Outcome judge(Probe p, Instant sentAt, Instant receivedAt, SingleResp single) {
        CertificateStatus status = single.getCertStatus();
        Leaf leaf = p.leaf();
        Outcome seen = status == CertificateStatus.GOOD
                ? Outcome.GOOD
                : status instanceof RevokedStatus
                        ? Outcome.REVOKED
                        : status instanceof UnknownStatus ? Outcome.UNKNOWN : Outcome.BAD;
        if (seen == Outcome.BAD) {
            return bad(p, sentAt, "certStatus " + status);
        }
        if (leaf == null) {
            return expect(p, sentAt, seen, Outcome.UNKNOWN, "");
        }
        Leaf.Expected planned = leaf.planned();
        switch (leaf.kind) {
            case STABLE:
                return expect(p, sentAt, seen, Outcome.GOOD, "");
            case PRE_REVOKED:
                return seen == Outcome.REVOKED
                        ? revoked(p, sentAt, (RevokedStatus) status, planned)
                        : expect(p, sentAt, seen, Outcome.REVOKED, "");
            case REVOCABLE:
            default:
                if (afterTheFact && leaf.committedAt() != null) {
                    return seen == Outcome.REVOKED
                            ? revoked(p, sentAt, (RevokedStatus) status, planned)
                            : expect(
                                    p, sentAt, seen, Outcome.REVOKED, " (its revocation was committed during the run)");
                }
                if (seen == Outcome.GOOD) {
                    if (planned != null) {
                        leaf.sawGoodAfterPlan(new Leaf.GoodAnswer(
                                sentAt, receivedAt, single.getThisUpdate().toInstant(), p.toString()));
                    }
                    tally.count(p, Outcome.GOOD, false);
                    return Outcome.GOOD;
                }
                if (seen == Outcome.REVOKED && planned == null) {
                    return wrong(p, sentAt, "revoked before the revoker tried to revoke it");
                }
                if (seen == Outcome.REVOKED) {
                    Outcome o = revoked(p, sentAt, (RevokedStatus) status, planned);
                    if (o == Outcome.REVOKED) {
                        leaf.sawRevoked(receivedAt);
                    }
                    return o;
                }
                return expect(p, sentAt, seen, Outcome.GOOD, " or revoked");
        }
    }

    private Outcome revoked(Probe p, Instant sentAt, RevokedStatus r, Leaf.Expected expected) {
        Instant at = r.getRevocationTime().toInstant();
        Optional<Integer> reason = r.hasRevocationReason() ? Optional.of(r.getRevocationReason()) : Optional.empty();
        Optional<Integer> expectedReason = expected.reason().map(RevocationReason::code);
        if (!at.equals(expected.at()) || !reason.equals(expectedReason)) {
            return wrong(
                    p,
                    sentAt,
                    "revoked at " + at + " reason "
                            + reason.map(String::valueOf).orElse("none") + ", but the store has " + expected);
        }
        tally.count(p, Outcome.REVOKED, false);
        return Outcome.REVOKED;
    }

    private Outcome expect(Probe p, Instant sentAt, Outcome seen, Outcome truth, String more) {
        if (seen != truth) {
            return wrong(p, sentAt, "answered " + seen + ", the truth is " + truth + more);
        }
        tally.count(p, seen, false);
        return seen;
    }

    private Outcome bad(Probe p, Instant sentAt, String what) {
        tally.count(p, Outcome.BAD, false);
        tally.bad(sentAt + " " + p + ": " + what);
        return Outcome.BAD;
    }

    private Outcome wrong(Probe p, Instant sentAt, String what) {
        tally.count(p, Outcome.WRONG, false);
        tally.wrong(sentAt + " " + p + ": " + what);
        return Outcome.WRONG;
    }
}
