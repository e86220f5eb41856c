package corp.example.ocsp.store.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.store.openssl.indextxt.IndexTxtException;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class IndexFileSourceTest {
    private static final Logger LOG = LoggerFactory.getLogger(IndexFileSourceTest.class);
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String A = "V\t301231235959Z\t\t1000\tunknown\t/CN=a\n";
    private static final String B = "V\t301231235959Z\t\t1001\tunknown\t/CN=b\n";
    private static final String B_REVOKED = "R\t301231235959Z\t260102030405Z,keyCompromise\t1001\tunknown\t/CN=b\n";
    private static final BigInteger SERIAL_A = BigInteger.valueOf(0x1000);
    private static final BigInteger SERIAL_B = BigInteger.valueOf(0x1001);

    @TempDir
    Path dir;

    private Issuer issuer;
    private Path file;

    @BeforeEach
    void ca() throws Exception {
        issuer = Issuer.of("index-ca", TestPki.newRoot("Index CA").build().holder());
        file = Files.writeString(dir.resolve("index.txt"), A + B);
    }

    @Test
    void rewriteLikeOpensslCa_revocationIsTheOnlyChangeFed() throws Exception {
        try (IndexFileSource source = IndexFileSource.open(issuer, file)) {
            List<StatusChange> changes = new CopyOnWriteArrayList<>();
            source.subscribe(changes::add);
            assertThat(source.lookup(issuer, SERIAL_B)).isEqualTo(CertStatus.good());

            long t0 = System.nanoTime();
            opensslRewrite(A + B_REVOKED);
            // the new state is in force for lookups just before its changes reach the subscribers
            Await.until(
                    LIMIT,
                    "the revocation is read and fed",
                    () -> source.lookup(issuer, SERIAL_B) instanceof CertStatus.Revoked && !changes.isEmpty());
            LOG.info("measured: the renamed index.txt was in force after {} ms", (System.nanoTime() - t0) / 1_000_000);

            assertThat(source.lookup(issuer, SERIAL_B))
                    .isEqualTo(new CertStatus.Revoked(
                            Instant.parse("2026-01-02T03:04:05Z"),
                            Optional.of(RevocationReason.KEY_COMPROMISE),
                            Optional.empty()));
            assertThat(changes).extracting(StatusChange::serial).containsExactly(SERIAL_B);
            assertThat(source.lookup(issuer, SERIAL_A)).isEqualTo(CertStatus.good());
            assertThat(source.degraded()).isEmpty();
        }
    }

    @Test
    void newCertificateWrittenInPlace_isKnown_andAnotherCasSerialsAreNot() throws Exception {
        try (IndexFileSource source = IndexFileSource.open(issuer, file)) {
            Files.writeString(file, A + B + "V\t301231235959Z\t\t1002\tunknown\t/CN=c\n");
            Await.until(
                    LIMIT,
                    "the new line is read",
                    () -> source.lookup(issuer, BigInteger.valueOf(0x1002)) == CertStatus.good());
            Issuer other =
                    Issuer.of("other", TestPki.newRoot("Other CA").build().holder());
            assertThat(source.lookup(other, SERIAL_A)).isEqualTo(CertStatus.notKnown());
            assertThat(source.lookup(issuer, BigInteger.valueOf(0x9999))).isEqualTo(CertStatus.notKnown());
            List<KnownCertificate> known = new ArrayList<>();
            source.forEachKnown(known::add);
            assertThat(known)
                    .extracting(KnownCertificate::serial)
                    .containsExactlyInAnyOrder(SERIAL_A, SERIAL_B, BigInteger.valueOf(0x1002));
            assertThat(known.get(0).notAfter()).contains(Instant.parse("2030-12-31T23:59:59Z"));
        }
    }

    @Test
    void malformedLine_keepsTheLastGoodState_saysFileAndLine_untilTheFileIsFixed() throws Exception {
        try (IndexFileSource source = IndexFileSource.open(issuer, file)) {
            List<StatusChange> changes = new CopyOnWriteArrayList<>();
            source.subscribe(changes::add);
            opensslRewrite(B_REVOKED + "X\t301231235959Z\t\t1003\tunknown\t/CN=d\n");
            String why = Await.until(
                    LIMIT, "the bad line is reported", () -> source.degraded().orElse(""), s -> !s.isEmpty());
            assertThat(why)
                    .startsWith(
                            "CA index-ca: " + file + " line 2: state 'X' is not V (valid), R (revoked) or E (expired)")
                    .contains("answering from the state read at");
            assertThat(source.lookup(issuer, SERIAL_B))
                    .as("the last good state")
                    .isEqualTo(CertStatus.good());
            assertThat(source.lookup(issuer, SERIAL_A)).isEqualTo(CertStatus.good());
            assertThat(changes).isEmpty();

            opensslRewrite(A + B_REVOKED);
            Await.until(LIMIT, "the fixed file is read", () -> source.degraded().isEmpty());
            assertThat(source.lookup(issuer, SERIAL_B)).isInstanceOf(CertStatus.Revoked.class);
        }
    }

    @Test
    void writeCutShortInsideALine_keepsTheLastGoodState() throws Exception {
        try (IndexFileSource source = IndexFileSource.open(issuer, file)) {
            String cut = (A + B_REVOKED).substring(0, A.length() + 20);
            Files.writeString(file, cut);
            String why = Await.until(
                    LIMIT, "the cut write is reported", () -> source.degraded().orElse(""), s -> !s.isEmpty());
            assertThat(why).contains(file + " line 2: the file ends inside this line");
            assertThat(source.lookup(issuer, SERIAL_B)).isEqualTo(CertStatus.good());
            assertThat(source.lookup(issuer, SERIAL_A)).isEqualTo(CertStatus.good());
        }
    }

    @Test
    void serialTwice_namesBothLines_andKeepsTheLastGoodState() throws Exception {
        try (IndexFileSource source = IndexFileSource.open(issuer, file)) {
            opensslRewrite(A + B + B_REVOKED);
            String why = Await.until(
                    LIMIT,
                    "the repeated serial is reported",
                    () -> source.degraded().orElse(""),
                    s -> !s.isEmpty());
            assertThat(why).contains(file + " line 3: serial 1001 is already on line 2");
            assertThat(source.lookup(issuer, SERIAL_B)).isEqualTo(CertStatus.good());
        }
    }

    @Test
    void linesRemoved_areBelievedOnceTheFileHasSettled() throws Exception {
        try (IndexFileSource source = IndexFileSource.open(issuer, file)) {
            List<StatusChange> changes = new CopyOnWriteArrayList<>();
            source.subscribe(changes::add);
            Files.writeString(file, A); // B's line removed by hand: no write in progress looks like this for long
            // the new state is in force for lookups just before its changes reach the subscribers
            Duration took = Await.until(
                    LIMIT,
                    "B is gone and the removal fed",
                    () -> source.lookup(issuer, SERIAL_B) == CertStatus.notKnown() && !changes.isEmpty());
            LOG.info(
                    "measured: a removed line was believed after {} ms (settle {} ms)",
                    took.toMillis(),
                    IndexFileSource.SETTLE.toMillis());
            assertThat(changes).containsExactly(new StatusChange(issuer, SERIAL_B, CertStatus.notKnown()));
            assertThat(source.degraded()).isEmpty();
        }
    }

    @Test
    void fileDeletedWhileServing_keepsTheLastGoodState_andSaysSo() throws Exception {
        try (IndexFileSource source = IndexFileSource.open(issuer, file)) {
            Files.delete(file);
            String why = Await.until(
                    LIMIT,
                    "the missing file is reported",
                    () -> source.degraded().orElse(""),
                    s -> !s.isEmpty());
            assertThat(why).contains(file + ": no such file");
            assertThat(source.lookup(issuer, SERIAL_A)).isEqualTo(CertStatus.good());
        }
    }

    @Test
    void open_refusesAFileThatDoesNotParse_namingTheLine() throws Exception {
        Files.writeString(file, A + "V\t301231235959Z\t\tNOT-HEX\tunknown\t/CN=x\n");
        assertThatThrownBy(() -> IndexFileSource.open(issuer, file))
                .isInstanceOf(IndexTxtException.class)
                .hasMessage(file + " line 2: malformed serial 'NOT-HEX': expected hex digits such as 1A2B or 0x1a2b");
        assertThatThrownBy(() -> IndexFileSource.open(issuer, dir.resolve("missing.txt")))
                .hasMessage(dir.resolve("missing.txt") + ": no such file");
    }

    /** As openssl ca writes it: index.txt.new, then index.txt renamed to .old and .new onto index.txt. */
    private void opensslRewrite(String content) throws Exception {
        Path fresh = Files.writeString(dir.resolve("index.txt.new"), content);
        Files.move(file, dir.resolve("index.txt.old"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
