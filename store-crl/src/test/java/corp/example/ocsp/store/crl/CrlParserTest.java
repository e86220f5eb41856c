package corp.example.ocsp.store.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.x509.CertificateFiles;
import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.OpensslCa;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CrlBuilder;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRLs from Bouncy Castle and {@code openssl ca -gencrl}, read into the compact index. */
class CrlParserTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private final Ca ca = TestPki.newRoot("CRL CA").build();
    private final Issuer issuer = Issuer.of("crl-ca", ca.holder());

    @TempDir
    Path dir;

    private ParsedCrl parse(byte[] der) {
        return CrlParser.parse(der, "ca.crl", issuer.subjectDer());
    }

    @Test
    void bouncyCastleCrl_entriesWithReasonInvalidityDateAndNone_areReadAsTheyWereWritten() {
        BigInteger big = new BigInteger("7f1e2d3c4b5a69788796a5b4c3d2e1f0aabbccdd", 16);
        byte[] der = CrlBuilder.by(ca)
                .number(7)
                .thisUpdate(T)
                .nextUpdate(T.plus(7, ChronoUnit.DAYS))
                .revoke(BigInteger.valueOf(0x1001), T.minusSeconds(3600), 1, T.minusSeconds(7200))
                .revoke(BigInteger.valueOf(0x80), T.minusSeconds(60), -1)
                .revoke(big, T.minusSeconds(30), 6)
                .build();
        ParsedCrl crl = parse(der);
        assertThat(crl.number()).contains(BigInteger.valueOf(7));
        assertThat(crl.deltaBase()).isEmpty();
        assertThat(crl.thisUpdate()).isEqualTo(T);
        assertThat(crl.nextUpdate()).contains(T.plus(7, ChronoUnit.DAYS));
        assertThat(crl.entries().size()).isEqualTo(3);
        assertThat(crl.entries().lookup(BigInteger.valueOf(0x1001)))
                .isEqualTo(new CertStatus.Revoked(
                        T.minusSeconds(3600),
                        Optional.of(RevocationReason.KEY_COMPROMISE),
                        Optional.of(T.minusSeconds(7200))));
        assertThat(crl.entries().lookup(BigInteger.valueOf(0x80)))
                .isEqualTo(new CertStatus.Revoked(T.minusSeconds(60), Optional.empty(), Optional.empty()));
        assertThat(crl.entries().lookup(big).reason()).contains(RevocationReason.CERTIFICATE_HOLD);
        assertThat(crl.entries().lookup(BigInteger.valueOf(0x1002))).isNull();
        assertThat(crl.entries().lookup(BigInteger.valueOf(0x7F))).isNull();
        CrlTrust.of(issuer, Optional.empty()).verified(crl);
    }

    @Test
    void opensslGencrl_isReadAndVerifies() throws Exception {
        OpensslCa o = OpensslCa.create(dir, "Openssl CRL CA");
        Path one = o.issue("one");
        Path two = o.issue("two");
        o.revoke(one, "-crl_reason", "keyCompromise");
        o.revoke(two, "-crl_hold", "holdInstructionReject");
        Path crl = o.gencrl("ca.crl"); // PEM, numbered from crlnumber
        X509CertificateHolder caCert = CertificateFiles.readPem(o.certificate()).get(0);
        Issuer oi = Issuer.of("openssl", caCert);
        ParsedCrl parsed = CrlParser.parse(Files.readAllBytes(crl), crl.toString(), oi.subjectDer());
        ParsedCrl verified = CrlTrust.of(oi, Optional.empty()).verified(parsed);
        assertThat(verified.number()).contains(BigInteger.ONE);
        assertThat(verified.entries().lookup(o.serial(one)).reason()).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(verified.entries().lookup(o.serial(two)).reason()).contains(RevocationReason.CERTIFICATE_HOLD);
        assertThat(Openssl.available()).isTrue();
    }

    @Test
    void delta_replacesAndAdds_andRemoveFromCrlTakesAnEntryOff() {
        CrlIndex.Builder full = new CrlIndex.Builder();
        full.add(BigInteger.valueOf(1), T, Optional.of(RevocationReason.CERTIFICATE_HOLD), Optional.empty());
        full.add(BigInteger.valueOf(2), T, Optional.of(RevocationReason.SUPERSEDED), Optional.empty());
        CrlIndex.Builder delta = new CrlIndex.Builder();
        delta.add(BigInteger.valueOf(1), T, Optional.of(RevocationReason.REMOVE_FROM_CRL), Optional.empty());
        delta.add(
                BigInteger.valueOf(3),
                T.plusSeconds(5),
                Optional.of(RevocationReason.KEY_COMPROMISE),
                Optional.empty());
        CrlIndex merged = full.build().withDelta(delta.build());
        assertThat(merged.size()).isEqualTo(2);
        assertThat(merged.lookup(BigInteger.ONE)).isNull();
        assertThat(merged.lookup(BigInteger.TWO).reason()).contains(RevocationReason.SUPERSEDED);
        assertThat(merged.lookup(BigInteger.valueOf(3)).reason()).contains(RevocationReason.KEY_COMPROMISE);
    }

    @Test
    void deltaCrl_carriesItsBaseNumber() {
        ParsedCrl d = parse(CrlBuilder.by(ca).number(8).deltaOf(7).build());
        assertThat(d.isDelta()).isTrue();
        assertThat(d.deltaBase()).contains(BigInteger.valueOf(7));
    }

    @Test
    void forgedSignature_orAnotherCasCrl_isRefusedNamingIt() {
        Ca other = TestPki.newRoot("Other CA").build();
        CrlTrust trust = CrlTrust.of(issuer, Optional.empty());
        assertThatThrownBy(() -> trust.verified(
                        parse(CrlBuilder.forgedFor(ca, other).number(1).build())))
                .isInstanceOf(CrlException.class)
                .hasMessage("ca.crl: its signature does not verify with the public key of CA crl-ca");
        assertThatThrownBy(() ->
                        trust.verified(parse(CrlBuilder.by(other).number(1).build())))
                .hasMessageStartingWith(
                        "ca.crl: issued by CN=Other CA, not by the issuer whose CRLs are configured here");
    }

    @Test
    void truncatedOrNotACrl_isOneLineNamingIt() {
        byte[] der = CrlBuilder.by(ca).number(1).revoke(BigInteger.TEN, T, 1).build();
        assertThatThrownBy(() -> parse(java.util.Arrays.copyOf(der, der.length - 10)))
                .isInstanceOf(CrlException.class)
                .hasMessageStartingWith("ca.crl: not a DER CRL: truncated");
        assertThatThrownBy(() -> parse("hello".getBytes()))
                .hasMessage("ca.crl: neither a DER CRL nor a PEM block 'BEGIN X509 CRL'");
    }
}
