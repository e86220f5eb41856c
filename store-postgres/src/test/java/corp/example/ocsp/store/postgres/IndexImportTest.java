package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class IndexImportTest extends OneIssuerStoreTest {
    private static final Logger LOG = LoggerFactory.getLogger(IndexImportTest.class);

    @BeforeAll
    static void setUp() {
        open("import-ca", "Import CA");
    }

    private static ImportResult importText(String text) {
        return store.admin().importIndexTxt("import-ca", new StringReader(text), "index.txt");
    }

    @Test
    void import_roundTripsEveryLine(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index.txt");
        Files.writeString(index, """
                V\t301231235959Z\t\t0A01\tunknown\t/C=DE/O=Example/CN=valid.example
                R\t301231235959Z\t240102030405Z,keyCompromise\t0A02\tunknown\t/CN=revoked.example
                R\t301231235959Z\t240102030405Z,keyTime,20231201000000Z\t0A03\tunknown\t/CN=key\\ttime
                R\t301231235959Z\t240102030405Z,certificateHold\t0A04\tunknown\t/CN=hold
                E\t200101000000Z\t\t00FF\tunknown\t/CN=expired
                """);

        ImportResult result = store.admin().importIndexTxt("import-ca", index);

        assertThat(result).isEqualTo(new ImportResult(5, 0, 0, 0));
        Map<BigInteger, CertStatus> s = store.lookupAll(
                issuer,
                List.of(
                        BigInteger.valueOf(0xA01),
                        BigInteger.valueOf(0xA02),
                        BigInteger.valueOf(0xA03),
                        BigInteger.valueOf(0xA04),
                        BigInteger.valueOf(0xFF)));
        Instant at = Instant.parse("2024-01-02T03:04:05Z");
        assertThat(s.get(BigInteger.valueOf(0xA01))).isEqualTo(CertStatus.good());
        assertThat(s.get(BigInteger.valueOf(0xA02)))
                .isEqualTo(new CertStatus.Revoked(at, Optional.of(RevocationReason.KEY_COMPROMISE), Optional.empty()));
        assertThat(s.get(BigInteger.valueOf(0xA03)))
                .isEqualTo(new CertStatus.Revoked(
                        at,
                        Optional.of(RevocationReason.KEY_COMPROMISE),
                        Optional.of(Instant.parse("2023-12-01T00:00:00Z"))));
        assertThat(s.get(BigInteger.valueOf(0xA04)))
                .isEqualTo(
                        new CertStatus.Revoked(at, Optional.of(RevocationReason.CERTIFICATE_HOLD), Optional.empty()));
        assertThat(s.get(BigInteger.valueOf(0xFF))).isEqualTo(CertStatus.good());
        CertificateRecord valid =
                store.certificate("import-ca", BigInteger.valueOf(0xA01)).orElseThrow();
        assertThat(valid.subject()).contains("/C=DE/O=Example/CN=valid.example");
        assertThat(valid.notAfter()).contains(Instant.parse("2030-12-31T23:59:59Z"));
        assertThat(store.certificate("import-ca", BigInteger.valueOf(0xA03))
                        .orElseThrow()
                        .subject())
                .contains("/CN=key\\ttime");

        assertThat(store.admin().importIndexTxt("import-ca", index))
                .as("importing again")
                .isEqualTo(new ImportResult(0, 0, 5, 0));
    }

    @Test
    void import_withABadThirdLineOfFiveWritesNothing() {
        long before = StoreTests.count(db, "SELECT count(*) FROM certificates");
        String text = """
                V\t301231235959Z\t\t0B01\tunknown\t/CN=one
                V\t301231235959Z\t\t0B02\tunknown\t/CN=two
                V\t301231235959Z\t\tNOT-HEX\tunknown\t/CN=three
                V\t301231235959Z\t\t0B04\tunknown\t/CN=four
                V\t301231235959Z\t\t0B05\tunknown\t/CN=five
                """;

        assertThatThrownBy(() -> importText(text))
                .isInstanceOf(StoreException.class)
                .hasMessage("index.txt line 3: malformed serial 'NOT-HEX': expected hex digits such as 1A2B or 0x1a2b");
        assertThat(StoreTests.count(db, "SELECT count(*) FROM certificates")).isEqualTo(before);
    }

    @Test
    void import_aSerialOnTwoLines_isRefusedNamingBothLines_andWritesNothing() {
        long before = StoreTests.count(db, "SELECT count(*) FROM certificates");
        String text = """
                V\t301231235959Z\t\t0C01\tunknown\t/CN=one
                V\t301231235959Z\t\t0C02\tunknown\t/CN=two

                V\t301231235959Z\t\t0C03\tunknown\t/CN=three
                R\t301231235959Z\t240102030405Z\t0C02\tunknown\t/CN=two again
                V\t301231235959Z\t\t0C01\tunknown\t/CN=one again
                """;

        assertThatThrownBy(() -> importText(text))
                .isInstanceOf(StoreException.class)
                .hasMessage("index.txt line 5: serial 0C02 is already on line 2");
        assertThat(StoreTests.count(db, "SELECT count(*) FROM certificates")).isEqualTo(before);
    }

    @Test
    void import_ofAFile_streamsIt_andTellsTheProgressItsLineCount(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("index.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            text.append("V\t301231235959Z\t\t")
                    .append(SerialNumbers.hex(BigInteger.valueOf(0x20_0000L + i)))
                    .append("\tunknown\t/CN=f")
                    .append(i)
                    .append('\n');
        }
        Files.writeString(file, text + "\n"); // a blank last line is not counted
        List<long[]> seen = new java.util.ArrayList<>();

        ImportResult result =
                store.admin().importIndexTxt("import-ca", file, (done, total) -> seen.add(new long[] {done, total}));

        assertThat(result.inserted()).isEqualTo(2500);
        assertThat(seen).extracting(p -> p[1]).containsOnly(2500L);
        assertThat(seen).extracting(p -> p[0]).containsExactly(1000L, 2000L, 2500L);
    }

    @Test
    void import_failingInTheDatabaseWritesNothing() {
        long before = StoreTests.count(db, "SELECT count(*) FROM certificates");
        String text = "V\t301231235959Z\t\t0C01\tunknown\t/CN=one\nV\t301231235959Z\t\t0C02\tunknown\t/CN=two\n";
        // the database refuses the second row, after the COPY of both has run
        StoreTests.sql(db, "ALTER TABLE certificates ADD CONSTRAINT test_no_0c02 CHECK (serial <> '\\x0c02')");
        try {
            assertThatThrownBy(() -> importText(text))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(
                            "cannot import index.txt into import-ca: ERROR: new row for relation \"certificates\"");
        } finally {
            StoreTests.sql(db, "ALTER TABLE certificates DROP CONSTRAINT test_no_0c02");
        }
        assertThat(StoreTests.count(db, "SELECT count(*) FROM certificates")).isEqualTo(before);
    }

    @Test
    void import_unknownIssuerLabelIsRefused() {
        assertThatThrownBy(() -> store.admin().importIndexTxt("nope", new StringReader(""), "index.txt"))
                .isInstanceOf(StoreException.class)
                .hasMessage("unknown issuer label 'nope'; known: import-ca");
    }

    @Test
    void import_updatesRevocationsButNeverUndoesOneExceptAHold() {
        importText("""
                V\t301231235959Z\t\t0D01\tunknown\t/CN=later-revoked
                R\t301231235959Z\t240102030405Z,certificateHold\t0D02\tunknown\t/CN=held
                R\t301231235959Z\t240102030405Z,superseded\t0D03\tunknown\t/CN=superseded
                """);

        ImportResult again = importText("""
                R\t301231235959Z\t240202030405Z,keyCompromise\t0D01\tunknown\t/CN=later-revoked
                V\t301231235959Z\t\t0D02\tunknown\t/CN=held
                V\t301231235959Z\t\t0D03\tunknown\t/CN=superseded
                """);

        assertThat(again).isEqualTo(new ImportResult(0, 2, 0, 1));
        assertThat(store.lookup(issuer, BigInteger.valueOf(0xD01))).isInstanceOf(CertStatus.Revoked.class);
        assertThat(store.lookup(issuer, BigInteger.valueOf(0xD02))).isEqualTo(CertStatus.good());
        assertThat(store.lookup(issuer, BigInteger.valueOf(0xD03))).isInstanceOf(CertStatus.Revoked.class);
    }

    @Test
    void import_of100000LinesIsCompleteAndCorrect() {
        int n = 100_000;
        StringBuilder text = new StringBuilder(n * 64);
        for (int i = 0; i < n; i++) {
            String serial = SerialNumbers.hex(BigInteger.valueOf(0x10_0000_0000L + i));
            if (i % 10 == 0) {
                text.append("R\t301231235959Z\t240102030405Z,superseded\t");
            } else {
                text.append("V\t301231235959Z\t\t");
            }
            text.append(serial).append("\tunknown\t/O=Bulk/CN=host").append(i).append(".example\n");
        }
        long t0 = System.nanoTime();

        ImportResult result = importText(text.toString());

        long millis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("bulk import of {} index.txt lines: {} ms", n, millis);
        assertThat(result).isEqualTo(new ImportResult(n, 0, 0, 0));
        assertThat(StoreTests.count(
                        db,
                        "SELECT count(*) FROM certificates WHERE serial >= '\\x1000000000'"
                                + " AND serial < '\\x1000100000' AND octet_length(serial) = 5"))
                .isEqualTo(n);
        assertThat(StoreTests.count(
                        db,
                        "SELECT count(*) FROM certificates WHERE status = 'revoked' AND reason = 4"
                                + " AND octet_length(serial) = 5"))
                .isEqualTo(n / 10);
        assertThat(store.lookup(issuer, BigInteger.valueOf(0x10_0000_0000L + 12_345)))
                .isEqualTo(CertStatus.good());
        assertThat(store.lookup(issuer, BigInteger.valueOf(0x10_0000_0000L + 12_340)))
                .isInstanceOf(CertStatus.Revoked.class);
    }
}
