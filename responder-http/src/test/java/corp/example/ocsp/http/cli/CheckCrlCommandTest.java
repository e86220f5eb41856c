package corp.example.ocsp.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.OpensslCa;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CrlBuilder;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check-crl} against a CA answered from its index.txt (read directly, no server): a CRL that
 * agrees, and one that disagrees in each way (on the CRL but good in the source, another reason,
 * another time, another invalidity date, revoked in the source but not on the CRL), and the real
 * {@code openssl ca -gencrl}.
 */
class CheckCrlCommandTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final BigInteger A = BigInteger.valueOf(0x1000);
    private static final BigInteger B = BigInteger.valueOf(0x1001);
    private static final BigInteger C = BigInteger.valueOf(0x1002);
    private static final BigInteger OLD = BigInteger.valueOf(0x0F00);

    @TempDir
    Path dir;

    private Ca ca;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        ca = TestPki.newRoot("Check CRL CA").build();
        ca.writeCertPem(dir.resolve("ca.pem"));
        ca.writeKeyPem(dir.resolve("ca.key"));
        // A good; B revoked keyCompromise with a key time; C revoked superseded; OLD revoked, expired before the CRL
        Files.writeString(dir.resolve("index.txt"), """
                V\t301231235959Z\t\t1000\tunknown\t/CN=a
                R\t301231235959Z\t261120090000Z,keyTime,20261101000000Z\t1001\tunknown\t/CN=b
                R\t301231235959Z\t261120091500Z,superseded\t1002\tunknown\t/CN=c
                R\t250101000000Z\t241201000000Z,keyCompromise\t0F00\tunknown\t/CN=old
                """);
        config = Files.writeString(dir.resolve("responder.yaml"), """
                admin: {listen: "off"}
                responders:
                  - name: r
                    listen: 127.0.0.1:0
                    issuers:
                      - label: check-ca
                        certificate: ca.pem
                        index: index.txt
                        signer: {certificate: ca.pem, key: ca.key}
                """);
    }

    private CrlBuilder crl() {
        return CrlBuilder.by(ca).number(3).thisUpdate(T).nextUpdate(T.plusSeconds(7 * 86400));
    }

    private Run checkCrl(Path crlFile, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[5 + more.length];
        args[0] = "check-crl";
        args[1] = "--config";
        args[2] = config.toString();
        args[3] = "--crl";
        args[4] = crlFile.toString();
        System.arraycopy(more, 0, args, 5, more.length);
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    record Run(int exit, String out, String err) {}

    private CrlBuilder agreeing() {
        return crl().revoke(B, Instant.parse("2026-11-20T09:00:00Z"), 1, Instant.parse("2026-11-01T00:00:00Z"))
                .revoke(C, Instant.parse("2026-11-20T09:15:00Z"), 4);
    }

    @Test
    void agreeingCrl_exitsZero_notingTheExpiredEntryItDropped() {
        Run r = checkCrl(agreeing().write(dir.resolve("ok.crl")));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("note: 1 revoked in the source and not on the CRL expired before its thisUpdate")
                .contains("and the status source of CA check-ca agree: 2 entries on the CRL, 3 revoked in the source");
    }

    @Test
    void onTheCrlButGoodInTheSource_isAMismatch() {
        Run r = checkCrl(agreeing().revoke(A, T.minusSeconds(60), 1).write(dir.resolve("a.crl")));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains(
                        "serial 1000: on the CRL revoked at 2026-11-20T09:59:00Z (keyCompromise), the source says good")
                .contains("disagree: 1 mismatches");
    }

    @Test
    void anotherReason_anotherTime_anotherInvalidityDate_areEachMismatches() {
        Path f = crl().revoke(B, Instant.parse("2026-11-20T09:00:00Z"), 1, Instant.parse("2026-11-02T00:00:00Z"))
                .revoke(C, Instant.parse("2026-11-20T09:16:00Z"), 5)
                .write(dir.resolve("b.crl"));
        Run r = checkCrl(f);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains(
                        "serial 1001: invalidity date differ: on the CRL revoked at 2026-11-20T09:00:00Z (keyCompromise),"
                                + " invalid since 2026-11-02T00:00:00Z, the source says revoked at 2026-11-20T09:00:00Z"
                                + " (keyCompromise), invalid since 2026-11-01T00:00:00Z")
                .contains("serial 1002: revocation time, reason differ: on the CRL revoked at 2026-11-20T09:16:00Z"
                        + " (cessationOfOperation), the source says revoked at 2026-11-20T09:15:00Z (superseded)")
                .contains("disagree: 2 mismatches");
    }

    @Test
    void revokedInTheSourceButNotOnTheCrl_isAMismatch() {
        Run r = checkCrl(
                crl().revoke(B, Instant.parse("2026-11-20T09:00:00Z"), 1).write(dir.resolve("c.crl")));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("serial 1002: the source says revoked at 2026-11-20T09:15:00Z (superseded), not on the CRL");
    }

    @Test
    void anotherCasCrl_orAForgedOne_cannotBeChecked() {
        Ca other = TestPki.newRoot("Other").build();
        Run r = checkCrl(CrlBuilder.by(other).number(1).write(dir.resolve("other.crl")));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("no configured CA issued it; name the CA with --issuer LABEL");
        Run forged = checkCrl(CrlBuilder.forgedFor(ca, other).number(1).write(dir.resolve("forged.crl")));
        assertThat(forged.exit()).isEqualTo(3);
        assertThat(forged.err()).contains("its signature does not verify with the public key of CA check-ca");
    }

    @Test
    void opensslCaGencrl_agreesWithItsOwnIndex() throws Exception {
        assertThat(Openssl.available())
                .as("openssl is required: run scripts/install-test-deps")
                .isTrue();
        OpensslCa o = OpensslCa.create(dir.resolve("o"), "Openssl Check CA");
        Path one = o.issue("one");
        o.issue("two");
        Path three = o.issue("three");
        o.revoke(one, "-crl_reason", "keyCompromise");
        o.revoke(three, "-crl_compromise", "20260101000000Z");
        Path crl = o.gencrl("ca.crl");
        config = Files.writeString(dir.resolve("o.yaml"), """
                admin: {listen: "off"}
                responders:
                  - name: r
                    listen: 127.0.0.1:0
                    issuers:
                      - label: openssl-ca
                        certificate: o/ca.pem
                        index: o/index.txt
                        signer: {certificate: o/ca.pem, key: o/ca.key}
                """);
        Run r = checkCrl(crl);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("agree: 2 entries on the CRL, 2 revoked in the source");
    }
}
