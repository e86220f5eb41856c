package corp.example.ocsp.responses;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.StoredResponses;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.response.CompactResponse;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Txn;

/** The response store: what it serves, across restarts, and what it refuses to serve. */
class ResponseStoreTest {
    private static final long MAP = 64L << 20;

    @TempDir
    Path dir;

    private final StorePki pki = new StorePki("Store CA");

    private ResponseStore open() {
        return ResponseStore.open(dir, pki.signers(), MAP);
    }

    private static BigInteger serial(int i) {
        return BigInteger.valueOf(1_000_000L + i);
    }

    @Test
    void roundTrip_servesTheSignedBytes_withTheSignerCertificateAppendedAgain_andTheStatus() {
        CertStatus revoked = CertStatus.revoked(Instant.parse("2026-11-01T00:00:00Z"), RevocationReason.KEY_COMPROMISE);
        OcspAnswer.Signed good = pki.answer(serial(1), CertStatus.good());
        OcspAnswer.Signed bad = pki.answer(serial(2), revoked);
        try (ResponseStore store = open()) {
            assertThat(store.rebuiltBecause()).as("a new file").isEmpty();
            store.put(pki.key(serial(1)), good, CertStatus.good());
            store.put(pki.key(serial(2)), bad, revoked);

            OcspAnswer.Signed read = store.get(pki.key(serial(1))).orElseThrow().answer();
            assertThat(read.der()).isEqualTo(good.der());
            assertThat(read.etag()).isEqualTo(good.etag());
            assertThat(read.refreshAt()).isEqualTo(good.refreshAt());
            assertThat(List.of(read.thisUpdate(), read.nextUpdate(), read.producedAt(), read.signerExpiry()))
                    .isEqualTo(List.of(good.thisUpdate(), good.nextUpdate(), good.producedAt(), good.signerExpiry()));
            assertThat(read.outcome()).isEqualTo(good.outcome());
            assertThat(read.cached()).isTrue();
            assertThat(StorePki.verifies(read.der(), pki.signerCertificate())).isTrue();
            assertThat(store.get(pki.key(serial(2))).orElseThrow().answer().der())
                    .isEqualTo(bad.der());
            assertThat(store.get(pki.key(serial(2))).orElseThrow().status()).isEqualTo(revoked);
            assertThat(store.get(pki.key(serial(3)))).as("never stored").isEmpty();
            assertThat(store.size()).isEqualTo(2);
            assertThat(CompactResponse.body(good.der()).length)
                    .as("what is kept of a response: without the signer certificate")
                    .isLessThan(good.der().length / 2);
        }
    }

    @Test
    void restart_servesEveryStoredAnswerWithoutSigning_andKeepsTheWatermark() {
        List<OcspAnswer.Signed> signed = new ArrayList<>();
        try (ResponseStore store = open()) {
            for (int i = 0; i < 200; i++) {
                signed.add(pki.answer(serial(i), CertStatus.good()));
                store.put(pki.key(serial(i)), signed.get(i), CertStatus.good());
            }
            store.watermark(4242, "signers A");
        }
        try (ResponseStore again = open()) {
            assertThat(again.rebuiltBecause()).isEmpty();
            assertThat(again.size()).isEqualTo(200);
            assertThat(again.watermark()).hasValue(4242);
            assertThat(again.get(pki.key(serial(0))))
                    .as("not served before the source confirmed it: it may have changed meanwhile")
                    .isEmpty();
            assertThat(again.forms(pki.issuer, serial(0))).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo(CertStatus.good());
                assertThat(s.currentSigner()).isTrue();
                assertThat(s.confirmed()).isFalse();
            });
            List<CacheKey> confirmed = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                confirmed.add(pki.key(serial(i)));
            }
            again.confirm(confirmed);
            for (int i = 0; i < 150; i++) {
                assertThat(again.get(pki.key(serial(i))).orElseThrow().answer().der())
                        .isEqualTo(signed.get(i).der());
            }
            assertThat(again.sweep()).as("the 50 the source did not confirm").isEqualTo(50);
            assertThat(again.size()).isEqualTo(150);
            assertThat(again.get(pki.key(serial(199)))).isEmpty();
        }
    }

    @Test
    void afterClose_aThreadStillAtWorkGetsNothingAndKeepsNothing_insteadOfTouchingAnUnmappedFile() {
        OcspAnswer.Signed answer = pki.answer(serial(1), CertStatus.good());
        ResponseStore store = open();
        store.put(pki.key(serial(1)), answer, CertStatus.good());
        store.close();
        assertThat(store.get(pki.key(serial(1)))).isEmpty();
        assertThat(store.put(pki.key(serial(2)), answer, CertStatus.good())).isFalse();
        assertThat(store.forms(pki.issuer, serial(1))).isEmpty();
        assertThat(store.size()).isZero();
        store.close(); // twice is harmless
        try (ResponseStore again = open()) {
            assertThat(again.size())
                    .as("what was written before the close is on disk")
                    .isEqualTo(1);
        }
    }

    @Test
    void remove_dropsTheSerial() {
        try (ResponseStore store = open()) {
            store.put(pki.key(serial(1)), pki.answer(serial(1), CertStatus.good()), CertStatus.good());
            store.remove(pki.issuer, serial(1));
            assertThat(store.get(pki.key(serial(1)))).isEmpty();
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void removeAll_dropsEveryFormOfTheListedSerials_andNoOther() {
        fill(10);
        try (ResponseStore store = open()) {
            for (int i : new int[] {2, 3, 7}) {
                store.put(
                        new CacheKey(pki.issuer, serial(i), HashAlgorithm.SHA256, true),
                        pki.answer(serial(i), CertStatus.good()),
                        CertStatus.good());
            }
            store.removeAll(pki.issuer, List.of(serial(2), serial(3), serial(42)));

            assertThat(store.forms(pki.issuer, serial(2))).isEmpty();
            assertThat(store.forms(pki.issuer, serial(3))).isEmpty();
            assertThat(store.forms(pki.issuer, serial(7))).hasSize(2);
            assertThat(store.size()).as("8 serials left, one with two forms").isEqualTo(9);
        }
        try (ResponseStore again = open()) {
            assertThat(again.size()).as("the removals are on disk").isEqualTo(9);
        }
    }

    @Test
    void removeAll_ofNeighbouringSerialsInAnyOrder_dropsEachOfThem_andKeepsTheirNeighbours() {
        fill(200);
        List<BigInteger> removed = new ArrayList<>();
        try (ResponseStore store = open()) {
            for (int i = 50; i <= 60; i++) { // a run of neighbours, each with two forms
                store.put(
                        new CacheKey(pki.issuer, serial(i), HashAlgorithm.SHA256, false),
                        pki.answer(serial(i), CertStatus.good()),
                        CertStatus.good());
                removed.add(serial(i));
            }
            for (long small : new long[] {127, 128}) { // one and two bytes long: keys of other lengths
                BigInteger s = BigInteger.valueOf(small);
                store.put(pki.key(s), pki.answer(s, CertStatus.good()), CertStatus.good());
                removed.add(s);
            }
            removed.add(serial(500)); // not stored
            Collections.shuffle(removed, new Random(15));
            store.removeAll(pki.issuer, removed);

            for (BigInteger s : removed) {
                assertThat(store.forms(pki.issuer, s)).as("serial %s", s).isEmpty();
            }
            for (int kept : new int[] {0, 49, 61, 199}) {
                assertThat(store.forms(pki.issuer, serial(kept)))
                        .as("serial(%d)", kept)
                        .hasSize(1);
            }
            assertThat(store.size()).as("200 filled, 11 of them removed").isEqualTo(189);
        }
    }

    @Test
    void aFileThatIsNotLmdb_isRebuiltEmpty_neverServed() throws Exception {
        Files.write(
                dir.resolve(StoreFile.FILE),
                "this is not an LMDB file at all, just text".repeat(200).getBytes());
        try (ResponseStore store = open()) {
            assertThat(store.rebuiltBecause())
                    .hasValueSatisfying(why -> assertThat(why).contains("cannot be read"));
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void aTruncatedFile_isRebuilt() throws Exception {
        fill(500);
        Path file = dir.resolve(StoreFile.FILE);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        try (ResponseStore store = open()) {
            assertThat(store.rebuiltBecause()).isPresent();
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void aDamagedEntry_isNotServed_andTheOthersAre() throws Exception {
        OcspAnswer.Signed victim = pki.answer(serial(1), CertStatus.good());
        OcspAnswer.Signed other = pki.answer(serial(2), CertStatus.good());
        try (ResponseStore store = open()) {
            store.put(pki.key(serial(1)), victim, CertStatus.good());
            store.put(pki.key(serial(2)), other, CertStatus.good());
        }
        byte[] body = CompactResponse.body(victim.der());
        Path file = dir.resolve(StoreFile.FILE);
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, body, 0);
        assertThat(at).as("the entry's signed bytes are in the file").isPositive();
        for (; at >= 0; at = indexOf(bytes, body, at + 1)) { // copy-on-write: older pages hold it too
            bytes[at + body.length - 5] ^= 0x01; // one bit of the signature
        }
        Files.write(file, bytes);
        try (ResponseStore store = open()) {
            store.confirm(List.of(pki.key(serial(1)), pki.key(serial(2))));
            assertThat(store.get(pki.key(serial(1)))).isEmpty();
            assertThat(store.get(pki.key(serial(2))).orElseThrow().answer().der())
                    .isEqualTo(other.der());
        }
    }

    @Test
    void aFileOfAnotherFormat_isRebuilt() {
        fill(3);
        try (StoreFile file = StoreFile.open(dir, pki.signers().keySet(), MAP)) {
            Dbi<byte[]> meta = file.env().openDbi("meta", DbiFlags.MDB_CREATE);
            try (Txn<byte[]> txn = file.env().txnWrite()) {
                meta.put(
                        txn,
                        "format".getBytes(),
                        ByteBuffer.allocate(4).putInt(99).array());
                txn.commit();
            }
        }
        try (ResponseStore store = open()) {
            assertThat(store.rebuiltBecause()).contains("it is of format 99, not " + StoreFile.FORMAT);
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void aFileWrittenForAnotherCa_isRebuilt() {
        fill(3);
        StorePki other = new StorePki("Other CA");
        try (ResponseStore store = ResponseStore.open(dir, other.signers(), MAP)) {
            assertThat(store.rebuiltBecause())
                    .hasValueSatisfying(why -> assertThat(why).startsWith("it was written for other CAs"));
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void afterARestartWithANewKey_answersOfTheOldKeyAreNotServed_andAreReportedForResigning() {
        fill(3);
        pki.rotate();
        try (ResponseStore store = open()) {
            assertThat(store.rebuiltBecause()).as("the CA is the same").isEmpty();
            store.confirm(List.of(pki.key(serial(0))));
            assertThat(store.get(pki.key(serial(0)))).isEmpty();
            assertThat(store.forms(pki.issuer, serial(0)))
                    .singleElement()
                    .satisfies(s -> assertThat(s.currentSigner()).isFalse());
            store.put(pki.key(serial(0)), pki.answer(serial(0), CertStatus.good()), CertStatus.good());
            byte[] resigned =
                    store.get(pki.key(serial(0))).orElseThrow().answer().der();
            assertThat(StorePki.verifies(resigned, pki.signerCertificate())).isTrue();
            assertThat(store.forms(pki.issuer, serial(0)))
                    .singleElement()
                    .satisfies(s -> assertThat(s.currentSigner()).isTrue());
        }
    }

    @Test
    void scan_visitsEveryEntryInChunks_andFormsAreOneSerialsOnly() {
        fill(25);
        try (ResponseStore store = open()) {
            List<CacheKey> seen = new ArrayList<>();
            Optional<CacheKey> at = Optional.empty();
            int chunks = 0;
            do {
                at = store.scan(at, 10, s -> seen.add(s.key()));
                chunks++;
            } while (at.isPresent());
            assertThat(seen).hasSize(25).doesNotHaveDuplicates();
            assertThat(chunks).isEqualTo(3);
            store.put(
                    new CacheKey(pki.issuer, serial(3), HashAlgorithm.SHA256, true),
                    pki.answer(serial(3), CertStatus.good()),
                    CertStatus.good());
            assertThat(store.forms(pki.issuer, serial(3))).hasSize(2);
            store.remove(pki.issuer, serial(3));
            assertThat(store.forms(pki.issuer, serial(3))).isEmpty();
            assertThat(store.forms(pki.issuer, serial(4))).hasSize(1);
        }
    }

    @Test
    void aRotationWhileRunning_keepsServingTheOldKeysAnswersWithTheOldCertificate_untilResigned() {
        OcspAnswer.Signed old = pki.answer(serial(1), CertStatus.good());
        try (ResponseStore store = open()) {
            store.put(pki.key(serial(1)), old, CertStatus.good());
            pki.rotate();
            store.signers(pki.signers());
            assertThat(store.get(pki.key(serial(1))).orElseThrow().answer().der())
                    .as("still the old answer, whole")
                    .isEqualTo(old.der());
            OcspAnswer.Signed fresh = pki.answer(serial(2), CertStatus.good());
            store.put(pki.key(serial(2)), fresh, CertStatus.good());
            assertThat(StorePki.verifies(
                            store.get(pki.key(serial(2))).orElseThrow().answer().der(), pki.signerCertificate()))
                    .isTrue();
        }
    }

    @Test
    void concurrentReaders_withOneWriter_onlyEverSeeWholeAnswers() throws Exception {
        int serials = 50;
        List<OcspAnswer.Signed> first = new ArrayList<>();
        List<OcspAnswer.Signed> second = new ArrayList<>();
        for (int i = 0; i < serials; i++) {
            first.add(pki.answer(serial(i), CertStatus.good()));
        }
        pki.clock.advance(java.time.Duration.ofMinutes(5));
        for (int i = 0; i < serials; i++) {
            second.add(pki.answer(serial(i), CertStatus.good()));
        }
        try (ResponseStore store = open()) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            List<CompletableFuture<Optional<String>>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(CompletableFuture.supplyAsync(() -> {
                    while (writing.get() || reads.get() < 1000) {
                        for (int i = 0; i < serials; i++) {
                            Optional<OcspAnswer.Signed> a =
                                    store.get(pki.key(serial(i))).map(StoredResponses.Hit::answer);
                            reads.incrementAndGet();
                            if (a.isPresent()
                                    && !java.util.Arrays.equals(
                                            a.get().der(), first.get(i).der())
                                    && !java.util.Arrays.equals(
                                            a.get().der(), second.get(i).der())) {
                                return Optional.of("serial " + i + " read as neither version");
                            }
                        }
                    }
                    return Optional.empty();
                }));
            }
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < serials; i++) {
                    store.put(pki.key(serial(i)), (round % 2 == 0 ? first : second).get(i), CertStatus.good());
                }
            }
            writing.set(false);
            for (CompletableFuture<Optional<String>> r : readers) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEmpty();
            }
            assertThat(store.size()).isEqualTo(serials);
        }
    }

    private void fill(int n) {
        try (ResponseStore store = open()) {
            for (int i = 0; i < n; i++) {
                store.put(pki.key(serial(i)), pki.answer(serial(i), CertStatus.good()), CertStatus.good());
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void resume_servesTheEarlierEntries_onlyWhenTheWatermarkIsForTheSameSigners() {
        try (ResponseStore store = open()) {
            for (int i = 0; i < 50; i++) {
                store.put(pki.key(serial(i)), pki.answer(serial(i), CertStatus.good()), CertStatus.good());
            }
            store.watermark(77, "signers A");
        }
        try (ResponseStore again = open()) {
            assertThat(again.resumableFrom("signers B"))
                    .as("written for other signers or forms")
                    .isEmpty();
            assertThat(again.resumableFrom("signers A")).hasValue(77);
            assertThat(again.get(pki.key(serial(3))))
                    .as("not before the resume")
                    .isEmpty();
            again.resume();
            assertThat(again.get(pki.key(serial(3)))).isPresent();
            assertThat(again.forms(pki.issuer, serial(3)))
                    .singleElement()
                    .satisfies(s -> assertThat(s.confirmed()).isTrue());
            assertThat(again.sweep())
                    .as("nothing to sweep: every entry is served")
                    .isZero();
            again.watermark(90, "signers A");
        }
        try (ResponseStore third = open()) {
            assertThat(third.resumableFrom("signers A"))
                    .as("a second restart resumes the first process's entries too")
                    .hasValue(90);
            third.resume();
            assertThat(third.get(pki.key(serial(49)))).isPresent();
            third.forgetWatermark();
        }
        try (ResponseStore fourth = open()) {
            assertThat(fourth.resumableFrom("signers A"))
                    .as("forgotten durably")
                    .isEmpty();
            assertThat(fourth.get(pki.key(serial(49)))).isEmpty();
        }
    }
}
