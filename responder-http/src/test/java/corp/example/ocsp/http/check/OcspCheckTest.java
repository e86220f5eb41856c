package corp.example.ocsp.http.check;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;

/** The check against stand-in responders that answer right, late, wrong, unsigned, expired or not at all. */
class OcspCheckTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Ca CA = TestPki.newRoot("Check CA").build();
    private static final CertBundle DELEGATED = CA.issueOcspSigner("Check OCSP").build();
    private static final CertBundle LEAF = CA.issueLeaf("checked.example").build();

    private static final Answers GOOD =
            Answers.of(DELEGATED, CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(4)));

    private static CheckSettings settings(URI url, CheckSettings.Expect expect, boolean nonce, Duration timeout) {
        return new CheckSettings(
                url,
                CA.holder(),
                LEAF.serial(),
                expect,
                new CheckResult.Thresholds(Duration.ofHours(24), Duration.ofHours(4)),
                nonce,
                timeout);
    }

    private static CheckResult check(UnaryOperator<byte[]> answer) throws IOException {
        return check(answer, CheckSettings.Expect.GOOD, false);
    }

    private static CheckResult check(UnaryOperator<byte[]> answer, CheckSettings.Expect expect, boolean nonce)
            throws IOException {
        try (StandIn standIn = StandIn.answering(answer)) {
            return OcspCheck.run(settings(standIn.url(), expect, nonce, Duration.ofSeconds(30)), Clock.systemUTC());
        }
    }

    @Test
    void goodAnswer_isOk_withTheMarginAndTheTimeAsPerformanceData() throws Exception {
        CheckResult r = check(GOOD::answer);

        assertThat(r.state()).isEqualTo(CheckState.OK);
        assertThat(r.state().exitCode()).isZero();
        assertThat(r.line())
                .matches(
                        "OCSP OK - good, nextUpdate in 3d 23h \\| time=\\d+\\.\\d{3}s;;;0 next_update=34\\d{4}s;86400;14400");
    }

    @Test
    void answerSignedByTheCaItself_isOk() throws Exception {
        Answers byCa = Answers.of(CA, CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(4)));
        assertThat(check(byCa::answer).state()).isEqualTo(CheckState.OK);
    }

    @Test
    void nextUpdateWithinTheWarningMargin_isWarning_withinTheCriticalOne_critical() throws Exception {
        CheckResult warn = check(GOOD.nextUpdate(NOW.plus(Duration.ofHours(10)))::answer);
        CheckResult crit = check(GOOD.nextUpdate(NOW.plus(Duration.ofHours(2)))::answer);

        assertThat(warn.state()).isEqualTo(CheckState.WARNING);
        assertThat(warn.line()).startsWith("OCSP WARNING - good, nextUpdate in 9h 59m |");
        assertThat(crit.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(crit.line()).startsWith("OCSP CRITICAL - good, nextUpdate in 1h 59m |");
    }

    @Test
    void expiredAnswer_isCritical() throws Exception {
        CheckResult r = check(GOOD.nextUpdate(NOW.minus(Duration.ofHours(3)))::answer);

        assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(r.line()).startsWith("OCSP CRITICAL - good, expired: nextUpdate passed 3h 0m ago |");
    }

    @Test
    void noNextUpdate_isWarning() throws Exception {
        CheckResult r = check(GOOD.nextUpdate(null)::answer);

        assertThat(r.state()).isEqualTo(CheckState.WARNING);
        assertThat(r.line()).startsWith("OCSP WARNING - good, no nextUpdate | time=");
    }

    @Test
    void revoked_isCriticalWhenGoodIsExpected_andOkWhenRevokedIs() throws Exception {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        Answers revoked = Answers.of(
                DELEGATED,
                new RevokedStatus(Date.from(at), CRLReason.keyCompromise),
                NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(4)));

        CheckResult unexpected = check(revoked::answer);
        CheckResult expected = check(revoked::answer, CheckSettings.Expect.REVOKED, false);

        assertThat(unexpected.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(unexpected.line())
                .startsWith("OCSP CRITICAL - revoked (keyCompromise) at 2026-01-02T03:04:05Z, expected good |");
        assertThat(expected.state()).isEqualTo(CheckState.OK);
        assertThat(expected.line())
                .startsWith("OCSP OK - revoked (keyCompromise) at 2026-01-02T03:04:05Z, nextUpdate in");
        assertThat(check(GOOD::answer, CheckSettings.Expect.REVOKED, false).line())
                .startsWith("OCSP CRITICAL - good, expected revoked");
    }

    @Test
    void unknown_isCriticalWhenGoodIsExpected() throws Exception {
        Answers unknown =
                Answers.of(DELEGATED, new UnknownStatus(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(4)));
        assertThat(check(unknown::answer).line()).startsWith("OCSP CRITICAL - unknown, expected good |");
    }

    @Test
    void answerForAnotherCertificate_isCritical() throws Exception {
        CheckResult r = check(GOOD.forSerial(LEAF.serial().add(java.math.BigInteger.ONE))::answer);

        assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(r.line()).contains("the answer is not for the certificate asked");
    }

    @Test
    void signatureByAnotherKey_isCritical() throws Exception {
        CertBundle stranger = CA.issueLeaf("stranger").build();
        CheckResult r = check(GOOD.signedWith(stranger.privateKey())::answer);

        assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(r.line()).contains("the signature does not verify with CN=Check OCSP");
    }

    @Test
    void signerWithoutOcspSigning_orFromAnotherCa_isCritical() throws Exception {
        CertBundle leafAsSigner = CA.issueLeaf("not-a-responder").build();
        CertBundle otherCasSigner = TestPki.newRoot("Other CA")
                .build()
                .issueOcspSigner("Other OCSP")
                .build();

        CheckResult noEku = check(Answers.of(
                leafAsSigner, CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(4)))::answer);
        CheckResult foreign = check(Answers.of(
                otherCasSigner, CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(4)))::answer);

        assertThat(noEku.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(noEku.line()).contains("lacks id-kp-OCSPSigning");
        assertThat(foreign.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(foreign.line()).contains("was not issued by the CA CN=Check CA");
    }

    @Test
    void unsignedErrorAnswer_isCritical() throws Exception {
        CheckResult r = check(request -> Answers.error(OCSPRespBuilder.TRY_LATER));

        assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(r.line()).startsWith("OCSP CRITICAL - the responder answered tryLater (unsigned) | time=");
    }

    @Test
    void httpErrorsAndGarbage_areCritical() throws Exception {
        try (StandIn standIn = StandIn.status(500, "oops".getBytes())) {
            CheckResult r = OcspCheck.run(
                    settings(standIn.url(), CheckSettings.Expect.GOOD, false, Duration.ofSeconds(30)),
                    Clock.systemUTC());
            assertThat(r.line()).startsWith("OCSP CRITICAL - HTTP 500 from " + standIn.url());
        }
        assertThat(check(request -> "<html>not OCSP</html>".getBytes()).line())
                .startsWith("OCSP CRITICAL - the answer is not an OCSP response (21 bytes)");
    }

    @Test
    void responderThatNeverAnswers_isCriticalAtTheTimeout() throws Exception {
        try (StandIn standIn = StandIn.silent()) {
            long start = System.nanoTime();
            CheckResult r = OcspCheck.run(
                    settings(standIn.url(), CheckSettings.Expect.GOOD, false, Duration.ofSeconds(1)),
                    Clock.systemUTC());
            System.out.printf("silent responder: check gave up after %d ms%n", (System.nanoTime() - start) / 1_000_000);

            assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
            assertThat(r.line()).isEqualTo("OCSP CRITICAL - no answer from " + standIn.url() + " within 1s");
        }
    }

    @Test
    void nothingListening_isCritical() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        CheckResult r = OcspCheck.run(
                settings(url, CheckSettings.Expect.GOOD, false, Duration.ofSeconds(30)), Clock.systemUTC());

        assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(r.line()).startsWith("OCSP CRITICAL - cannot connect to " + url);
    }

    @Test
    void nonce_echoedIsOk_omittedIsWarning_anotherIsCritical() throws Exception {
        CheckResult echoed = check(GOOD::answer, CheckSettings.Expect.GOOD, true);
        CheckResult omitted = check(GOOD.nonce(Answers.Nonce.OMIT)::answer, CheckSettings.Expect.GOOD, true);
        CheckResult wrong = check(GOOD.nonce(Answers.Nonce.WRONG)::answer, CheckSettings.Expect.GOOD, true);

        assertThat(echoed.state()).isEqualTo(CheckState.OK);
        assertThat(omitted.state()).isEqualTo(CheckState.WARNING);
        assertThat(omitted.line()).startsWith("OCSP WARNING - good, nextUpdate in 3d 23h, nonce not echoed |");
        assertThat(wrong.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(wrong.line()).contains("the nonce echoed is not the one sent");
    }
}
