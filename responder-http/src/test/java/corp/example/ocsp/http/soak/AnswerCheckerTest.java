package corp.example.ocsp.http.soak;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.soak.OcspClient.HttpAnswer;
import corp.example.ocsp.http.soak.OcspClient.Transport;
import corp.example.ocsp.http.soak.Tally.Outcome;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The soak's judge, on crafted answers: it must catch every kind of bad and wrong answer it claims to. */
class AnswerCheckerTest {
    private static final Ca ISSUING = TestPki.newRoot("Checker Root")
            .build()
            .issueIntermediate("Checker CA")
            .build();
    private static final CertBundle SIGNER =
            ISSUING.issueOcspSigner("Checker OCSP").build();
    private static final CertBundle OTHER_SIGNER =
            ISSUING.issueOcspSigner("Another OCSP").build();
    private static final Instant AT = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    private final Tally tally = new Tally();
    private final AnswerChecker checker = new AnswerChecker(SIGNER.publicKey(), new Chaos(null), tally, false);
    private final Leaf stable = leaf(Leaf.Kind.STABLE, null);
    private final Leaf preRevoked =
            leaf(Leaf.Kind.PRE_REVOKED, new Leaf.Expected(Optional.of(RevocationReason.KEY_COMPROMISE), AT));
    private final Leaf revocable = leaf(Leaf.Kind.REVOCABLE, null);

    /** How to make the crafted answer. */
    private record Craft(
            CertificateStatus status, BigInteger serial, Duration nextUpdateIn, byte[] nonce, CertBundle signer) {
        Craft(CertificateStatus status) {
            this(status, null, Duration.ofDays(4), null, SIGNER);
        }
    }

    @Test
    void goodForAStableCertificate_isGood() {
        assertThat(check(probe(stable, null), new Craft(CertificateStatus.GOOD)))
                .isEqualTo(Outcome.GOOD);
    }

    @Test
    void httpErrorsAndOtherContentTypes_areBad() {
        Probe p = probe(stable, null);
        byte[] good = craft(p, new Craft(CertificateStatus.GOOD));
        assertThat(checker.check(
                        p, Instant.now(), Instant.now(), new HttpAnswer(500, "application/ocsp-response", good)))
                .isEqualTo(Outcome.BAD);
        assertThat(checker.check(p, Instant.now(), Instant.now(), new HttpAnswer(200, "text/plain", good)))
                .isEqualTo(Outcome.BAD);
        assertThat(tally.snapshot().bad()).hasSize(2);
    }

    @Test
    void tryLater_isCountedApart_andOtherErrorStatusesAreBad() {
        Probe p = probe(stable, null);
        assertThat(raw(p, "30030a0103")).isEqualTo(Outcome.TRY_LATER);
        assertThat(raw(p, "30030a0101")).isEqualTo(Outcome.BAD); // malformedRequest
        assertThat(raw(p, "30030a0102")).isEqualTo(Outcome.BAD); // internalError
        assertThat(raw(p, "3003")).isEqualTo(Outcome.BAD); // not DER
    }

    @Test
    void signatureOfAnotherKey_isBad() {
        Probe p = probe(stable, null);
        assertThat(check(p, new Craft(CertificateStatus.GOOD, null, Duration.ofDays(4), null, OTHER_SIGNER)))
                .isEqualTo(Outcome.BAD);
    }

    @Test
    void anotherCertIdOrAnExpiredResponse_isBad() {
        Probe p = probe(stable, null);
        assertThat(check(p, new Craft(CertificateStatus.GOOD, BigInteger.TEN, Duration.ofDays(4), null, SIGNER)))
                .isEqualTo(Outcome.BAD);
        assertThat(check(p, new Craft(CertificateStatus.GOOD, null, Duration.ofMinutes(-1), null, SIGNER)))
                .isEqualTo(Outcome.BAD);
        assertThat(tally.snapshot().bad()).anyMatch(s -> s.contains("CertID")).anyMatch(s -> s.contains("expired"));
    }

    @Test
    void nonce_mustBeEchoedExactlyAndOnlyWhenSent() {
        byte[] nonce = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        Probe withNonce = probe(stable, nonce);
        assertThat(check(withNonce, new Craft(CertificateStatus.GOOD, null, Duration.ofDays(4), nonce, SIGNER)))
                .isEqualTo(Outcome.GOOD);
        assertThat(check(withNonce, new Craft(CertificateStatus.GOOD))).isEqualTo(Outcome.BAD);
        assertThat(check(withNonce, new Craft(CertificateStatus.GOOD, null, Duration.ofDays(4), new byte[16], SIGNER)))
                .isEqualTo(Outcome.BAD);
        assertThat(check(
                        probe(stable, null),
                        new Craft(CertificateStatus.GOOD, null, Duration.ofDays(4), nonce, SIGNER)))
                .isEqualTo(Outcome.BAD);
    }

    @Test
    void statusesOtherThanTheTruth_areWrong() {
        RevokedStatus keyCompromise = new RevokedStatus(Date.from(AT), CRLReason.keyCompromise);
        assertThat(check(probe(stable, null), new Craft(keyCompromise))).isEqualTo(Outcome.WRONG);
        assertThat(check(probe(preRevoked, null), new Craft(CertificateStatus.GOOD)))
                .isEqualTo(Outcome.WRONG);
        assertThat(check(probe(preRevoked, null), new Craft(keyCompromise))).isEqualTo(Outcome.REVOKED);
        assertThat(check(probe(preRevoked, null), new Craft(new RevokedStatus(Date.from(AT), CRLReason.superseded))))
                .isEqualTo(Outcome.WRONG);
        assertThat(check(
                        probe(preRevoked, null),
                        new Craft(new RevokedStatus(Date.from(AT.plusSeconds(1)), CRLReason.keyCompromise))))
                .isEqualTo(Outcome.WRONG);
        Probe unknownSerial = probe(null, null);
        assertThat(check(unknownSerial, new Craft(CertificateStatus.GOOD))).isEqualTo(Outcome.WRONG);
        assertThat(check(unknownSerial, new Craft(new UnknownStatus()))).isEqualTo(Outcome.UNKNOWN);
        assertThat(tally.snapshot().wrongAnswers()).isEqualTo(5);
    }

    @Test
    void revocableCertificate_isWronglyRevokedBeforeItsRevocation_andItsLaterGoodAnswersAreKeptForJudgement() {
        RevokedStatus superseded = new RevokedStatus(Date.from(AT), CRLReason.superseded);
        assertThat(check(probe(revocable, null), new Craft(superseded))).isEqualTo(Outcome.WRONG);
        assertThat(check(probe(revocable, null), new Craft(CertificateStatus.GOOD)))
                .isEqualTo(Outcome.GOOD);
        assertThat(revocable.goodAfterPlan()).isEmpty();

        revocable.plan(new Leaf.Expected(Optional.of(RevocationReason.SUPERSEDED), AT), false);
        assertThat(check(probe(revocable, null), new Craft(CertificateStatus.GOOD)))
                .isEqualTo(Outcome.GOOD);
        assertThat(check(probe(revocable, null), new Craft(superseded))).isEqualTo(Outcome.REVOKED);

        assertThat(revocable.goodAfterPlan()).hasSize(1);
        assertThat(revocable.firstRevokedSeen()).isNotNull();
    }

    @Test
    void atTheEnd_aCommittedRevocationAnsweredGood_isWrong() {
        revocable.plan(new Leaf.Expected(Optional.empty(), AT), false);
        revocable.committed(Instant.now(), false);
        AnswerChecker end = new AnswerChecker(SIGNER.publicKey(), new Chaos(null), tally, true);
        Probe p = probe(revocable, null);

        assertThat(end.check(
                        p,
                        Instant.now(),
                        Instant.now(),
                        new HttpAnswer(200, "application/ocsp-response", craft(p, new Craft(CertificateStatus.GOOD)))))
                .isEqualTo(Outcome.WRONG);
        RevokedStatus noReason = new RevokedStatus(new RevokedInfo(new ASN1GeneralizedTime(Date.from(AT)), null));
        assertThat(end.check(
                        p,
                        Instant.now(),
                        Instant.now(),
                        new HttpAnswer(200, "application/ocsp-response", craft(p, new Craft(noReason)))))
                .isEqualTo(Outcome.REVOKED);
    }

    private static Leaf leaf(Leaf.Kind kind, Leaf.Expected pre) {
        return new Leaf(ISSUING.issueLeaf(kind + ".checker.example").build().serial(), kind, pre);
    }

    private static Probe probe(Leaf leaf, byte[] nonce) {
        BigInteger serial = leaf == null ? BigInteger.valueOf(12345) : leaf.serial;
        return Probe.of(ISSUING.certificate(), leaf, serial, Transport.POST_KEEPALIVE, CertIdHash.SHA1, nonce);
    }

    private Outcome check(Probe p, Craft c) {
        return checker.check(
                p, Instant.now(), Instant.now(), new HttpAnswer(200, "application/ocsp-response", craft(p, c)));
    }

    private Outcome raw(Probe p, String hex) {
        return checker.check(
                p,
                Instant.now(),
                Instant.now(),
                new HttpAnswer(200, "application/ocsp-response", HexFormat.of().parseHex(hex)));
    }

    /** A signed OCSP response as a responder would send it, shaped by {@code c}. */
    private static byte[] craft(Probe p, Craft c) {
        try {
            CertID asked = CertID.getInstance(p.certIdDer());
            CertID certId = c.serial == null
                    ? asked
                    : new CertID(
                            asked.getHashAlgorithm(),
                            asked.getIssuerNameHash(),
                            asked.getIssuerKeyHash(),
                            new ASN1Integer(c.serial));
            X509CertificateHolder signerCert = c.signer.holder();
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(signerCert.getSubject()));
            Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            b.addResponse(
                    new CertificateID(certId),
                    c.status,
                    Date.from(thisUpdate),
                    Date.from(Instant.now().plus(c.nextUpdateIn)),
                    null);
            if (c.nonce != null) {
                b.setResponseExtensions(new Extensions(new Extension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false,
                        new DEROctetString(new DEROctetString(c.nonce).getEncoded()))));
            }
            var signer = new JcaContentSignerBuilder(c.signer.keyType().signatureAlgorithm())
                    .setProvider(TestPki.provider())
                    .build(c.signer.privateKey());
            return new OCSPRespBuilder()
                    .build(
                            OCSPRespBuilder.SUCCESSFUL,
                            b.build(signer, new X509CertificateHolder[] {signerCert}, new Date()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
