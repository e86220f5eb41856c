package corp.example.ocsp.store.crl;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CrlBuilder;
import corp.example.ocsp.testing.pki.TestPki;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CRL of 1,000,000 entries made by Bouncy Castle (16-octet random serials, as CAs issue them), with
 * a delta on it: loaded compactly (heap per entry asserted from the index's arrays, well under 100
 * bytes; load time and the GC-measured heap logged, as are JDK and Bouncy Castle verification times).
 * The README's figures come from this test's {@code measured:} lines.
 */
class LargeCrlTest {
    private static final Logger LOG = LoggerFactory.getLogger(LargeCrlTest.class);
    private static final int ENTRIES = 1_000_000;
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void millionEntryCrl_loadsCompactly_withItsDelta() throws Exception {
        Ca ca = TestPki.newRoot("Big CRL CA").build();
        Issuer issuer = Issuer.of("big", ca.holder());
        Random random = new Random(17);
        BigInteger[] sample = new BigInteger[100];
        CrlBuilder full =
                CrlBuilder.by(ca).number(100).thisUpdate(NOW.minusSeconds(60)).nextUpdate(NOW.plus(Duration.ofDays(7)));
        long t0 = System.nanoTime();
        for (int i = 0; i < ENTRIES; i++) {
            BigInteger serial = new BigInteger(127, random).setBit(126);
            if (i % 10_000 == 0) {
                sample[i / 10_000] = serial;
            }
            full.revoke(serial, NOW.minusSeconds(i), i % 3 == 0 ? -1 : 1 + i % 5);
        }
        Path file = full.write(dir.resolve("big.crl"));
        LOG.warn(
                "measured: Bouncy Castle made and signed the {}-entry CRL ({} MB) in {} ms",
                ENTRIES,
                Files.size(file) >> 20,
                (System.nanoTime() - t0) / 1_000_000);
        BigInteger added = new BigInteger(127, random).setBit(126);
        Path delta = CrlBuilder.by(ca)
                .number(101)
                .deltaOf(100)
                .thisUpdate(NOW.minusSeconds(30))
                .nextUpdate(NOW.plus(Duration.ofDays(1)))
                .revoke(added, NOW.minusSeconds(30), 1)
                .revoke(sample[0], NOW.minusSeconds(30), RevocationReason.REMOVE_FROM_CRL.code())
                .write(dir.resolve("big-delta.crl"));

        full = null; // Bouncy Castle's entries, before the heap is measured
        long heapBefore = usedHeapAfterGc();
        byte[] der = Files.readAllBytes(file);
        long t1 = System.nanoTime();
        ParsedCrl parsed = CrlParser.parse(der, file.toString(), issuer.subjectDer());
        long parseMs = (System.nanoTime() - t1) / 1_000_000;
        long v0 = System.nanoTime();
        CrlVerifier.verify(parsed, ca.publicKey(), "CA big", CrlVerifier.Provider.JDK);
        long jdkMs = (System.nanoTime() - v0) / 1_000_000;
        long b0 = System.nanoTime();
        CrlVerifier.verify(parsed, ca.publicKey(), "CA big", CrlVerifier.Provider.BOUNCY_CASTLE);
        long bcMs = (System.nanoTime() - b0) / 1_000_000;
        CrlIndex index = parsed.verified().entries();
        der = null;
        parsed = null;
        long heapAfter = usedHeapAfterGc();
        assertThat(index.size()).isEqualTo(ENTRIES);
        double perEntry = (double) index.footprintBytes() / ENTRIES;
        LOG.warn(
                "measured: parsed and indexed {} entries in {} ms; index {} MB ({} bytes/entry by its arrays,"
                        + " {} bytes/entry by the heap after GC); signature check JDK {} ms, Bouncy Castle {} ms",
                ENTRIES,
                parseMs,
                index.footprintBytes() >> 20,
                String.format("%.1f", perEntry),
                (heapAfter - heapBefore) / ENTRIES,
                jdkMs,
                bcMs);
        assertThat(perEntry).isLessThan(100);

        for (BigInteger s : sample) {
            assertThat(index.lookup(s)).isNotNull();
        }
        long l0 = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            index.lookup(sample[i % 100]);
        }
        LOG.warn("measured: {} ns per lookup on the 1M-entry index", (System.nanoTime() - l0) / 100_000);

        MutableClock clock = MutableClock.at(NOW);
        CrlOptions o = new CrlOptions(
                file.toString(),
                Optional.of(delta.toString()),
                Optional.empty(),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                false);
        long s0 = System.nanoTime();
        try (CrlSource source = CrlSource.open(issuer, o, clock)) {
            LOG.warn(
                    "measured: CrlSource.open with the 1M-entry CRL and its delta in {} ms",
                    (System.nanoTime() - s0) / 1_000_000);
            assertThat(source.lookup(issuer, added)).isInstanceOf(CertStatus.Revoked.class);
            assertThat(source.lookup(issuer, sample[0]))
                    .as("removeFromCRL in the delta")
                    .isEqualTo(CertStatus.notKnown());
            assertThat(source.lookup(issuer, sample[1])).isInstanceOf(CertStatus.Revoked.class);
            assertThat(source.revokedCount()).isEqualTo(ENTRIES);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
