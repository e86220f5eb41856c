package corp.example.ocsp.store.openssl.indextxt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexTxtTest {

    private static List<IndexEntry> parse(String text) {
        return IndexTxt.parse(new StringReader(text), "index.txt");
    }

    @Test
    void parse_readsValidRevokedAndExpiredLines() {
        List<IndexEntry> entries = parse("""
                V\t301231235959Z\t\t1000\tunknown\t/C=DE/CN=a
                R\t301231235959Z\t240102030405Z,keyCompromise\t1001\tunknown\t/CN=b
                E\t200101000000Z\t\t1002\t1002.pem\t/CN=c
                """);

        assertThat(entries)
                .extracting(IndexEntry::serial)
                .containsExactly(BigInteger.valueOf(0x1000), BigInteger.valueOf(0x1001), BigInteger.valueOf(0x1002));
        assertThat(entries.get(0).status()).isEqualTo(CertStatus.good());
        assertThat(entries.get(0).expires()).isEqualTo(Instant.parse("2030-12-31T23:59:59Z"));
        assertThat(entries.get(0).subject()).isEqualTo("/C=DE/CN=a");
        assertThat(entries.get(1).status())
                .isEqualTo(new CertStatus.Revoked(
                        Instant.parse("2024-01-02T03:04:05Z"),
                        Optional.of(RevocationReason.KEY_COMPROMISE),
                        Optional.empty()));
        assertThat(entries.get(2).state()).isEqualTo('E');
        assertThat(entries.get(2).status()).isEqualTo(CertStatus.good());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "unspecified|UNSPECIFIED",
                "keyCompromise|KEY_COMPROMISE",
                "CACompromise|CA_COMPROMISE",
                "affiliationChanged|AFFILIATION_CHANGED",
                "superseded|SUPERSEDED",
                "cessationOfOperation|CESSATION_OF_OPERATION",
                "certificateHold|CERTIFICATE_HOLD",
                "removeFromCRL|REMOVE_FROM_CRL"
            })
    void parse_knowsOpensslReasonNames(String name, RevocationReason reason) {
        IndexEntry e = parse("R\t301231235959Z\t240102030405Z," + name + "\t01\tunknown\t/CN=x\n")
                .get(0);

        assertThat(((CertStatus.Revoked) e.status()).reason()).contains(reason);
    }

    @Test
    void parse_readsOpensslTwoPartReasons() {
        List<IndexEntry> e = parse("""
                R\t301231235959Z\t240102030405Z,holdInstruction,holdInstructionReject\t01\tunknown\t/CN=x
                R\t301231235959Z\t240102030405Z,keyTime,20231201000000Z\t02\tunknown\t/CN=y
                R\t301231235959Z\t240102030405Z,CAkeyTime,20231101000000Z\t03\tunknown\t/CN=z
                R\t301231235959Z\t20240102030405Z\t04\tunknown\t/CN=w
                """);

        assertThat(e.get(0).status())
                .isEqualTo(new CertStatus.Revoked(
                        Instant.parse("2024-01-02T03:04:05Z"),
                        Optional.of(RevocationReason.CERTIFICATE_HOLD),
                        Optional.empty()));
        assertThat(e.get(1).status())
                .isEqualTo(new CertStatus.Revoked(
                        Instant.parse("2024-01-02T03:04:05Z"),
                        Optional.of(RevocationReason.KEY_COMPROMISE),
                        Optional.of(Instant.parse("2023-12-01T00:00:00Z"))));
        assertThat(e.get(2).status())
                .isEqualTo(new CertStatus.Revoked(
                        Instant.parse("2024-01-02T03:04:05Z"),
                        Optional.of(RevocationReason.CA_COMPROMISE),
                        Optional.of(Instant.parse("2023-11-01T00:00:00Z"))));
        assertThat(e.get(3).status())
                .isEqualTo(new CertStatus.Revoked(
                        Instant.parse("2024-01-02T03:04:05Z"), Optional.empty(), Optional.empty()));
    }

    @Test
    void parse_readsUtcTimeYearsAsRfc5280Does() {
        assertThat(IndexTxt.time("491231235959Z", "t")).isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
        assertThat(IndexTxt.time("500101000000Z", "t")).isEqualTo(Instant.parse("1950-01-01T00:00:00Z"));
    }

    @Test
    void parse_skipsBlankLinesAndAcceptsCrLf() {
        assertThat(parse("\nV\t301231235959Z\t\t0A\tunknown\t/CN=a\r\n\n"))
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(2));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "V\t301231235959Z\t\t1000\tunknown|index.txt line 3: expected 6 tab-separated fields (state, expiry, revocation, serial, file, subject), found 5",
                "X\t301231235959Z\t\t1000\tunknown\t/CN=a|index.txt line 3: state 'X' is not V (valid), R (revoked) or E (expired)",
                "V\t3012312359Z\t\t1000\tunknown\t/CN=a|index.txt line 3: expiry '3012312359Z' is not a time YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ",
                "V\t301231235959Z\t\tXYZ\tunknown\t/CN=a|index.txt line 3: malformed serial 'XYZ': expected hex digits such as 1A2B or 0x1a2b",
                "R\t301231235959Z\t\t1000\tunknown\t/CN=a|index.txt line 3: state R needs a revocation time in field 3",
                "V\t301231235959Z\t240102030405Z\t1000\tunknown\t/CN=a|index.txt line 3: state V must have an empty revocation field, found '240102030405Z'",
                "R\t301231235959Z\t240102030405Z,stolen\t1000\tunknown\t/CN=a|index.txt line 3: revocation field '240102030405Z,stolen' is not time[,reason]; reasons: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, certificateHold, removeFromCRL, privilegeWithdrawn, aACompromise, or holdInstruction,OID, keyTime,TIME, CAkeyTime,TIME",
                "R\t301231235959Z\t240102030405Z,keyTime,never\t1000\tunknown\t/CN=a|index.txt line 3: keyTime 'never' is not a time YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ",
                "V\t301231235959Z\t\t01\tunknown\t/CN=dup|index.txt line 3: serial 01 is already on line 1"
            })
    void parse_namesTheLineAndTheProblem(String badLine, String message) {
        String text =
                "V\t301231235959Z\t\t01\tunknown\t/CN=a\nV\t301231235959Z\t\t02\tunknown\t/CN=b\n" + badLine + "\n";

        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(IndexTxtException.class)
                .hasMessage(message);
    }
}
