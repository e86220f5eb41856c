package corp.example.ocsp.http.check;

import corp.example.ocsp.core.status.SerialNumbers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;

/** Judges one OCSP response to a check's request: the first CRITICAL finding, else any WARNING, else OK. */
final class AnswerJudge {
    /** How far thisUpdate may be ahead of this machine's clock. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final String[] RESPONSE_STATUSES = {
        "successful", "malformedRequest", "internalError", "tryLater", "4", "sigRequired", "unauthorized"
    };

    private final CheckSettings s;
    private final CertificateID asked;
    private final byte[] nonce;
    private final Instant now;
    private final Duration time;

    AnswerJudge(CheckSettings s, CertificateID asked, byte[] nonce, Instant now, Duration time) {
        this.s = s;
        this.asked = asked;
        this.nonce = nonce;
        this.now = now;
        this.time = time;
    }

    CheckResult judge(OCSPResp resp) {
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            int st = resp.getStatus();
            String name = st >= 0 && st < RESPONSE_STATUSES.length ? RESPONSE_STATUSES[st] : String.valueOf(st);
            return critical("the responder answered " + name + " (unsigned)");
        }
        BasicOCSPResp basic;
        try {
            basic = (BasicOCSPResp) resp.getResponseObject();
        } catch (OCSPException | RuntimeException e) {
            return critical("the answer is not a basic OCSP response");
        }
        Optional<String> unauthorized = new ResponderAuthority(s.issuer(), now).problem(basic);
        if (unauthorized.isPresent()) {
            return critical(unauthorized.get());
        }
        SingleResp single = Arrays.stream(basic.getResponses())
                .filter(r -> r.getCertID().equals(asked))
                .findFirst()
                .orElse(null);
        if (single == null) {
            return critical("the answer is not for the certificate asked (serial " + SerialNumbers.hex(s.serial())
                    + " of " + s.issuer().getSubject() + ")");
        }
        List<String> warnings = new ArrayList<>();
        Optional<String> nonceProblem = nonceProblem(basic, warnings);
        if (nonceProblem.isPresent()) {
            return critical(nonceProblem.get());
        }
        if (single.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return critical("thisUpdate " + single.getThisUpdate().toInstant() + " is in the future");
        }
        String status = describe(single.getCertStatus());
        if (!matchesExpected(single.getCertStatus())) {
            return critical(status + ", expected " + s.expect().name().toLowerCase(java.util.Locale.ROOT));
        }
        return byNextUpdate(status, single, warnings);
    }

    /** The state by the nextUpdate margin against the thresholds; earlier warnings make it at least WARNING. */
    private CheckResult byNextUpdate(String status, SingleResp single, List<String> warnings) {
        if (single.getNextUpdate() == null) {
            warnings.add(0, "no nextUpdate");
            return result(CheckState.WARNING, status + ", " + String.join(", ", warnings), Optional.empty());
        }
        Duration margin = Duration.between(now, single.getNextUpdate().toInstant());
        String text = status + ", nextUpdate "
                + (margin.isNegative()
                        ? "passed " + CheckResult.human(margin.negated()) + " ago"
                        : "in " + CheckResult.human(margin));
        CheckState state;
        if (margin.isNegative() || margin.isZero()) {
            state = CheckState.CRITICAL;
            text = status + ", expired: nextUpdate passed " + CheckResult.human(margin.negated()) + " ago";
        } else if (margin.compareTo(s.thresholds().crit()) < 0) {
            state = CheckState.CRITICAL;
        } else if (margin.compareTo(s.thresholds().warn()) < 0 || !warnings.isEmpty()) {
            state = CheckState.WARNING;
        } else {
            state = CheckState.OK;
        }
        if (!warnings.isEmpty()) {
            text = text + ", " + String.join(", ", warnings);
        }
        return result(state, text, Optional.of(margin));
    }

    /** A wrong nonce is critical; a missing one (the responder may ignore nonces) a warning. */
    private Optional<String> nonceProblem(BasicOCSPResp basic, List<String> warnings) {
        if (nonce == null) {
            return Optional.empty();
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed == null) {
            warnings.add("nonce not echoed");
            return Optional.empty();
        }
        ASN1OctetString value = echoed.getExtnValue();
        byte[] inner;
        try {
            inner = ASN1OctetString.getInstance(value.getOctets()).getOctets();
        } catch (RuntimeException notWrapped) {
            inner = value.getOctets(); // some responders echo the bare octets
        }
        return Arrays.equals(inner, nonce) ? Optional.empty() : Optional.of("the nonce echoed is not the one sent");
    }

    private boolean matchesExpected(CertificateStatus status) {
        return switch (s.expect()) {
            case GOOD -> status == CertificateStatus.GOOD;
            case REVOKED -> status instanceof RevokedStatus;
            case UNKNOWN -> status instanceof UnknownStatus;
        };
    }

    private static String describe(CertificateStatus status) {
        if (status == CertificateStatus.GOOD) {
            return "good";
        } else if (status instanceof RevokedStatus r) {
            String reason = r.hasRevocationReason()
                    ? " ("
                            + CRLReason.lookup(r.getRevocationReason())
                                    .toString()
                                    .replaceFirst("CRLReason: ", "") + ")"
                    : "";
            return "revoked" + reason + " at " + r.getRevocationTime().toInstant();
        }
        return "unknown";
    }

    private CheckResult critical(String text) {
        return OcspCheck.critical(s, text, time);
    }

    private CheckResult result(CheckState state, String text, Optional<Duration> margin) {
        return new CheckResult(state, text, Optional.of(time), margin, s.thresholds());
    }
}
