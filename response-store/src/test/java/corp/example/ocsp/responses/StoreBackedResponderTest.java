package corp.example.ocsp.responses;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.FirstLook;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Outcome;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.ResponderMetrics;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.MemoryPressure;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.ChangeLog;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A responder whose cache has a persistent store: what a restart signs again, and what it does not. */
class StoreBackedResponderTest {
    private static final int N = 300;

    @TempDir
    Path dir;

    private final StorePki pki = new StorePki("Restart CA");
    private final AtomicInteger signatures = new AtomicInteger();
    private final Map<BigInteger, CertStatus> known = new TreeMap<>();
    private ResponseStore store;
    private Responder responder;

    private final AtomicInteger inventoryReads = new AtomicInteger();
    private final StatusInventory inventory = action -> known.forEach((serial, status) -> {
        inventoryReads.incrementAndGet();
        action.accept(new KnownCertificate(pki.issuer, serial, status, Optional.empty()));
    });

    /** The source's change log: the position of each serial's last change; the feed has delivered all. */
    private final Map<BigInteger, Long> changedAt = new TreeMap<>();

    private long position = 100;
    private final ChangeLog changeLog = new ChangeLog() {
        @Override
        public OptionalLong delivered() {
            return OptionalLong.of(position);
        }

        @Override
        public OptionalLong changedSince(long since, Consumer<KnownCertificate> action) {
            changedAt.forEach((serial, at) -> {
                if (at >= since) {
                    action.accept(new KnownCertificate(
                            pki.issuer, serial, known.getOrDefault(serial, CertStatus.notKnown()), Optional.empty()));
                }
            });
            return OptionalLong.of(position);
        }
    };

    /** A change committed to the source (while the responder is down, or delivered by hand). */
    private void commit(BigInteger serial, Optional<CertStatus> status) {
        status.ifPresentOrElse(s -> known.put(serial, s), () -> {
            known.remove(serial);
            pki.source.remove(pki.issuer, serial);
        });
        changedAt.put(serial, position++);
    }

    /** A process start with the source's change log. */
    private int startWithLog() {
        open();
        inventoryReads.set(0);
        return responder.cacheMaintainer().precompute(inventory, 2, Optional.of(changeLog));
    }

    /** A process start: the store opened, a responder with a heap tier far too small for all, the fill. */
    private int start() {
        open();
        return responder.cacheMaintainer().precompute(inventory);
    }

    private void open() {
        store = ResponseStore.open(dir, pki.signers(), 64L << 20);
        known.forEach((serial, status) -> pki.source.put(pki.issuer, serial, status));
        ResponderMetrics counting = (name, nanos) -> signatures.incrementAndGet();
        responder = Responder.builder("restart", pki.source)
                .clock(pki.clock)
                .cache(CacheSettings.defaults().withMaxBytes(16 * 1024))
                .memoryPressure(MemoryPressure.NONE)
                .metrics(counting)
                .store(store)
                .issuer(pki.issuer, pki.signers().get(pki.issuer))
                .build();
        signatures.set(0);
    }

    private void stop() {
        store.close();
        store = null;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static BigInteger serial(int i) {
        return BigInteger.valueOf(5000 + i);
    }

    private OcspAnswer.Signed ask(BigInteger serial) {
        byte[] request = OcspRequestBuilder.create()
                .certId(pki.ca.certificate(), serial, CertIdHash.SHA1)
                .build();
        FirstLook look = responder.look(request);
        OcspAnswer answer =
                look instanceof FirstLook.Answered a ? a.answer() : responder.respond((FirstLook.Pending) look);
        return (OcspAnswer.Signed) answer;
    }

    private void knowAll() {
        for (int i = 0; i < N; i++) {
            known.put(serial(i), CertStatus.good());
        }
    }

    @Test
    void aRestart_signsNothingAgain_andAnswersEveryCertificateFromTheStore() {
        knowAll();
        assertThat(start()).isEqualTo(N);
        assertThat(signatures).as("the first fill signs every one").hasValue(N);
        byte[] before = ask(serial(7)).der();
        stop();

        assertThat(start()).isEqualTo(N);
        assertThat(signatures).as("the fill after the restart signs none").hasValue(0);
        assertThat(responder.cacheFigures().responses())
                .as("the figure counts the store, not the small heap tier")
                .isEqualTo(N);
        for (int i = 0; i < N; i++) {
            OcspAnswer.Signed a = ask(serial(i));
            assertThat(a.cached()).isTrue();
            assertThat(a.outcome()).isEqualTo(Outcome.GOOD);
        }
        assertThat(ask(serial(7)).der())
                .as("the very bytes signed before the restart")
                .isEqualTo(before);
        assertThat(StorePki.verifies(before, pki.signerCertificate())).isTrue();
        assertThat(signatures).as("answering signed none either").hasValue(0);
    }

    @Test
    void changesMadeWhileDown_areSignedAgain_andOnlyThose_andADeletedCertificateIsNotServed() {
        knowAll();
        start();
        stop();
        CertStatus revoked = CertStatus.revoked(pki.clock.instant().minusSeconds(60), RevocationReason.KEY_COMPROMISE);
        known.put(serial(1), revoked);
        known.remove(serial(2));
        pki.source.remove(pki.issuer, serial(2));
        known.put(serial(N + 1), CertStatus.good());

        assertThat(start()).isEqualTo(N);
        assertThat(signatures).as("the revoked one and the new one").hasValue(2);
        assertThat(ask(serial(1)).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(ask(serial(N + 1)).outcome()).isEqualTo(Outcome.GOOD);
        OcspAnswer.Signed deleted = ask(serial(2));
        assertThat(deleted.outcome())
                .as("looked up again, not served from the store")
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(deleted.cached()).isFalse();
        assertThat(store.forms(pki.issuer, serial(2))).as("swept").isEmpty();
    }

    @Test
    void aRestartWithANewKey_signsEveryAnswerAgainWithIt() {
        knowAll();
        start();
        stop();
        pki.rotate();

        assertThat(start()).isEqualTo(N);
        assertThat(signatures).hasValue(N);
        assertThat(StorePki.verifies(ask(serial(3)).der(), pki.signerCertificate()))
                .isTrue();
    }

    @Test
    void aRotationWhileServing_resignsTheStoredAnswers() {
        knowAll();
        start();
        pki.rotate();
        Map<Issuer, corp.example.ocsp.core.signing.ResponderSigner> next = pki.signers();
        responder.replaceSigners(next);
        signatures.set(0);

        assertThat(responder.cacheMaintainer().resignCached(next.keySet())).isEqualTo(N);
        assertThat(signatures).hasValue(N);
        for (int i = 0; i < N; i += 37) {
            assertThat(StorePki.verifies(ask(serial(i)).der(), pki.signerCertificate()))
                    .as("serial %d", i)
                    .isTrue();
        }
    }

    @Test
    void aChange_replacesTheStoredAnswer_soARestartServesTheNewStatus() {
        knowAll();
        start();
        CertStatus revoked = CertStatus.revoked(Instant.parse("2026-11-20T00:00:00Z"), RevocationReason.SUPERSEDED);
        known.put(serial(9), revoked);
        pki.source.put(pki.issuer, serial(9), revoked);
        responder
                .cacheMaintainer()
                .onChange(
                        new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(9), revoked), Runnable::run);
        assertThat(ask(serial(9)).outcome()).isEqualTo(Outcome.REVOKED);
        stop();

        start();
        assertThat(signatures).hasValue(0);
        assertThat(ask(serial(9)).outcome()).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void aBulkChange_isReSignedInTasksOfSeveral_intoTheStore_soARestartServesEveryNewStatusWithoutSigning() {
        knowAll();
        start();
        CertStatus revoked = CertStatus.revoked(Instant.parse("2026-11-20T00:00:00Z"), RevocationReason.KEY_COMPROMISE);
        List<corp.example.ocsp.core.status.StatusChange> bulk = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) {
            known.put(serial(i), revoked);
            pki.source.put(pki.issuer, serial(i), revoked);
            bulk.add(new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(i), revoked));
        }
        AtomicInteger tasks = new AtomicInteger();
        signatures.set(0);

        int refused = responder.cacheMaintainer().onChanges(bulk, task -> {
            tasks.incrementAndGet();
            task.run();
        });

        assertThat(refused).isZero();
        assertThat(tasks)
                .as("%d re-signs, %d to a task", N, corp.example.ocsp.core.CacheMaintainer.RESIGNS_PER_TASK)
                .hasValue((N + corp.example.ocsp.core.CacheMaintainer.RESIGNS_PER_TASK - 1)
                        / corp.example.ocsp.core.CacheMaintainer.RESIGNS_PER_TASK);
        assertThat(signatures).as("each serial signed again once").hasValue(N);
        stop();

        start();
        assertThat(signatures).as("the store held every new answer").hasValue(0);
        for (int i = 0; i < N; i++) {
            assertThat(ask(serial(i)).outcome()).as("serial %d", i).isEqualTo(Outcome.REVOKED);
        }
        assertThat(signatures).as("answered from the store").hasValue(0);
    }

    @Test
    void aQueuedReSign_thatALaterChangeOfItsStripeVoided_isNotSigned_theLaterOneIs() {
        knowAll();
        start();
        CertStatus superseded = CertStatus.revoked(Instant.parse("2026-11-20T00:00:00Z"), RevocationReason.SUPERSEDED);
        CertStatus compromised =
                CertStatus.revoked(Instant.parse("2026-11-21T00:00:00Z"), RevocationReason.KEY_COMPROMISE);
        List<Runnable> queued = new java.util.ArrayList<>();
        signatures.set(0);

        for (CertStatus status : List.of(superseded, compromised)) {
            known.put(serial(7), status);
            pki.source.put(pki.issuer, serial(7), status);
            responder
                    .cacheMaintainer()
                    .onChanges(
                            List.of(new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(7), status)),
                            queued::add);
        }
        queued.forEach(Runnable::run);

        assertThat(responder.cacheMaintainer().bulkSettling())
                .as("single changes are no bulk")
                .isFalse();
        assertThat(signatures).as("only the re-sign of the last change signs").hasValue(1);
        OcspAnswer.Signed answer = ask(serial(7));
        assertThat(answer.outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(answer.cached()).as("from the store").isTrue();
        assertThat(signatures).hasValue(1);
        assertThat(store.forms(pki.issuer, serial(7)))
                .singleElement()
                .satisfies(stored -> assertThat(stored.status()).isEqualTo(compromised));
    }

    @Test
    void aRestartWithAWatermark_readsOnlyWhatChangedSince_andServesEveryOtherAnswerWithoutSigning() {
        knowAll();
        assertThat(startWithLog()).isEqualTo(N);
        assertThat(inventoryReads).as("no watermark yet: the whole inventory").hasValue(N);
        assertThat(store.watermark()).as("recorded once the fill was done").hasValue(position);
        byte[] before = ask(serial(7)).der();
        stop();
        CertStatus revoked = CertStatus.revoked(pki.clock.instant().minusSeconds(60), RevocationReason.KEY_COMPROMISE);
        commit(serial(1), Optional.of(revoked));
        commit(serial(2), Optional.empty());
        commit(serial(N + 1), Optional.of(CertStatus.good()));

        assertThat(startWithLog()).as("signed: the revoked one and the new one").isEqualTo(2);
        assertThat(inventoryReads).as("the inventory is not read at all").hasValue(0);
        assertThat(signatures).hasValue(2);
        assertThat(responder.cacheFigures().responses()).isEqualTo(N);
        assertThat(ask(serial(1)).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(ask(serial(N + 1)).outcome()).isEqualTo(Outcome.GOOD);
        OcspAnswer.Signed deleted = ask(serial(2));
        assertThat(deleted.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(deleted.cached())
                .as("looked up again, not served from the store")
                .isFalse();
        signatures.set(0);
        for (int i = 3; i < N; i++) {
            OcspAnswer.Signed a = ask(serial(i));
            assertThat(a.cached()).as("serial %d", i).isTrue();
            assertThat(a.outcome()).isEqualTo(Outcome.GOOD);
        }
        assertThat(ask(serial(7)).der())
                .as("the very bytes signed before the restart")
                .isEqualTo(before);
        assertThat(signatures).as("answering signed none").hasValue(0);
        assertThat(store.watermark()).as("moved to where the catch-up read").hasValue(position);
    }

    @Test
    void theWatermark_followsWhatTheFeedDelivered_soTheNextRestartReadsOnlyLaterChanges() {
        knowAll();
        startWithLog();
        CertStatus revoked = CertStatus.revoked(Instant.parse("2026-11-20T00:00:00Z"), RevocationReason.SUPERSEDED);
        commit(serial(9), Optional.of(revoked));
        pki.source.put(pki.issuer, serial(9), revoked);
        responder
                .cacheMaintainer()
                .onChange(
                        new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(9), revoked), Runnable::run);
        responder.cacheMaintainer().advanceWatermark();
        assertThat(store.watermark()).hasValue(position);
        stop();

        assertThat(startWithLog()).as("nothing changed since the watermark").isZero();
        assertThat(inventoryReads).hasValue(0);
        assertThat(signatures).hasValue(0);
        assertThat(ask(serial(9)).outcome()).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void aWatermarkRecordedForAnotherKey_isNotResumed_everyAnswerIsCheckedAndSignedAgain() {
        knowAll();
        startWithLog();
        stop();
        pki.rotate();

        assertThat(startWithLog()).isEqualTo(N);
        assertThat(inventoryReads).as("the whole inventory").hasValue(N);
        assertThat(signatures).hasValue(N);
        assertThat(StorePki.verifies(ask(serial(3)).der(), pki.signerCertificate()))
                .isTrue();
    }

    @Test
    void aFillThatFailsHalfway_leavesNoWatermark_soTheNextStartChecksEveryAnswer() {
        knowAll();
        startWithLog();
        stop();
        open();
        StatusInventory failing = action -> {
            throw new corp.example.ocsp.core.status.StatusUnavailableException("database went away");
        };
        store.forgetWatermark(); // as a start whose watermark did not fit would, then the fill fails
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> responder.cacheMaintainer().precompute(failing, 2, Optional.of(changeLog)))
                .hasMessageContaining("database went away");
        assertThat(store.watermark()).isEmpty();
        stop();
        commit(serial(4), Optional.of(CertStatus.revoked(pki.clock.instant(), RevocationReason.UNSPECIFIED)));

        startWithLog();
        assertThat(inventoryReads).hasValue(N);
        assertThat(ask(serial(4)).outcome()).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void aBulkBatchWithAChangeLog_isNotQueuedForReSigning_signDroppedSignsItAfterwards_inOnePass() {
        knowAll();
        startWithLog();
        long before = store.watermark().orElseThrow();
        CertStatus revoked = CertStatus.revoked(pki.clock.instant().minusSeconds(5), RevocationReason.KEY_COMPROMISE);
        int bulk = corp.example.ocsp.core.CacheMaintainer.BULK_BATCH;
        List<corp.example.ocsp.core.status.StatusChange> batch = new java.util.ArrayList<>();
        for (int i = 0; i < bulk; i++) {
            commit(serial(i), Optional.of(revoked));
            pki.source.put(pki.issuer, serial(i), revoked);
            batch.add(new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(i), revoked));
        }
        AtomicInteger offered = new AtomicInteger();
        signatures.set(0);

        int notOffered = responder.cacheMaintainer().onChanges(batch, task -> offered.incrementAndGet());

        assertThat(notOffered).isEqualTo(bulk);
        assertThat(offered).as("nothing queued behind the feed").hasValue(0);
        assertThat(responder.cacheMaintainer().bulkSettling())
                .as("the catch-up waits for the feed's next batches")
                .isTrue();
        assertThat(signatures).hasValue(0);
        responder.cacheMaintainer().advanceWatermark();
        assertThat(store.watermark()).as("held back until they are signed").hasValue(before);

        assertThat(responder.cacheMaintainer().signDropped(2)).isEqualTo(bulk);
        assertThat(signatures).as("each signed once").hasValue(bulk);
        signatures.set(0);
        for (int i = 0; i < bulk; i++) {
            OcspAnswer.Signed answer = ask(serial(i));
            assertThat(answer.outcome()).as("serial %d", i).isEqualTo(Outcome.REVOKED);
            assertThat(answer.cached()).as("precomputed, not signed on request").isTrue();
        }
        assertThat(signatures).hasValue(0);
        responder.cacheMaintainer().advanceWatermark();
        assertThat(store.watermark()).hasValue(position);
        assertThat(store.forms(pki.issuer, serial(0)))
                .as("the old answers removed behind the change, the new one kept")
                .singleElement()
                .satisfies(stored -> assertThat(stored.status()).isEqualTo(revoked));
    }

    @Test
    void aStopRightAfterABulkRevocation_beforeItsOldAnswersWereRemoved_servesNoneOfThemAfterTheRestart() {
        knowAll();
        startWithLog();
        long before = store.watermark().orElseThrow();
        CertStatus revoked = CertStatus.revoked(pki.clock.instant().minusSeconds(5), RevocationReason.KEY_COMPROMISE);
        List<corp.example.ocsp.core.status.StatusChange> bulk = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) {
            commit(serial(i), Optional.of(revoked));
            bulk.add(new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(i), revoked));
        }
        responder.cacheMaintainer().onChanges(bulk, task -> {});
        stop(); // as a crash would: whatever the removals behind the change had done
        assertThat(before).isLessThan(position);

        startWithLog();
        for (int i = 0; i < N; i++) {
            assertThat(ask(serial(i)).outcome()).as("serial %d", i).isEqualTo(Outcome.REVOKED);
        }
    }

    @Test
    void aBulkChangeThatLeavesEveryStatusAsItWas_isPrecomputedAgain_notLeftToRequests() {
        knowAll();
        startWithLog();
        List<corp.example.ocsp.core.status.StatusChange> bulk = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) { // an UPDATE that rewrote the rows as they were
            commit(serial(i), Optional.of(CertStatus.good()));
            bulk.add(new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(i), CertStatus.good()));
        }
        responder.cacheMaintainer().onChanges(bulk, task -> {});
        signatures.set(0);

        assertThat(responder.cacheMaintainer().signDropped(2))
                .as("signed again: the old answers are removed behind the change")
                .isEqualTo(N);
        signatures.set(0);
        for (int i = 0; i < N; i++) {
            assertThat(ask(serial(i)).cached()).as("serial %d", i).isTrue();
        }
        assertThat(signatures).hasValue(0);
    }

    @Test
    void theWatermarkPastABulkDeletion_isRecordedOnlyOnceTheStoreHoldsNoneOfTheDeletedAnswers() {
        knowAll();
        startWithLog();
        List<corp.example.ocsp.core.status.StatusChange> bulk = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) {
            commit(serial(i), Optional.empty());
            bulk.add(new corp.example.ocsp.core.status.StatusChange(pki.issuer, serial(i), CertStatus.notKnown()));
        }
        responder.cacheMaintainer().onChanges(bulk, task -> {});

        responder.cacheMaintainer().advanceWatermark();

        assertThat(store.watermark()).hasValue(position);
        for (int i = 0; i < N; i++) {
            assertThat(store.forms(pki.issuer, serial(i))).as("serial %d", i).isEmpty();
        }
        stop();
        startWithLog();
        assertThat(ask(serial(3)).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void changesTheReSignQueueHadNoRoomFor_areSignedBySignDropped_andTheWatermarkWaitsForThem() {
        knowAll();
        startWithLog();
        long before = store.watermark().orElseThrow();
        CertStatus revoked =
                CertStatus.revoked(pki.clock.instant().minusSeconds(5), RevocationReason.CESSATION_OF_OPERATION);
        commit(serial(5), Optional.of(revoked));
        pki.source.put(pki.issuer, serial(5), revoked);
        commit(serial(N + 5), Optional.of(CertStatus.good()));
        pki.source.put(pki.issuer, serial(N + 5), CertStatus.good());
        java.util.concurrent.Executor full = task -> {
            throw new java.util.concurrent.RejectedExecutionException("queue full");
        };
        for (BigInteger s : List.of(serial(5), serial(N + 5))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> responder
                            .cacheMaintainer()
                            .onChange(
                                    new corp.example.ocsp.core.status.StatusChange(pki.issuer, s, known.get(s)), full))
                    .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        }
        assertThat(store.forms(pki.issuer, serial(5)))
                .as("the old answer is gone at once")
                .isEmpty();
        responder.cacheMaintainer().advanceWatermark();
        assertThat(store.watermark())
                .as("held back: a restart must sign them too")
                .hasValue(before);

        signatures.set(0);
        assertThat(responder.cacheMaintainer().signDropped(2)).isEqualTo(2);
        assertThat(signatures).hasValue(2);
        signatures.set(0);
        OcspAnswer.Signed answer = ask(serial(5));
        assertThat(answer.outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(answer.cached())
                .as("precomputed again, not signed on request")
                .isTrue();
        assertThat(ask(serial(N + 5)).cached()).isTrue();
        assertThat(signatures).hasValue(0);
        assertThat(responder.cacheMaintainer().signDropped(2))
                .as("nothing left")
                .isZero();
        responder.cacheMaintainer().advanceWatermark();
        assertThat(store.watermark()).hasValue(position);
    }

    @Test
    void aChangeTheReSignQueueHadNoRoomFor_duringTheFirstFill_isSignedBySignDropped_afterIt() {
        knowAll();
        open();
        java.util.concurrent.Executor full = task -> {
            throw new java.util.concurrent.RejectedExecutionException("queue full");
        };
        Map<BigInteger, CertStatus> before = new TreeMap<>(known);
        BigInteger issued = serial(N + 7);
        StatusInventory streaming = action -> {
            int[] n = {0};
            before.forEach((serial, status) -> {
                if (n[0]++ == N / 2) { // issued while the fill streams; its re-sign finds no room
                    commit(issued, Optional.of(CertStatus.good()));
                    pki.source.put(pki.issuer, issued, CertStatus.good());
                    responder
                            .cacheMaintainer()
                            .onChanges(
                                    List.of(new corp.example.ocsp.core.status.StatusChange(
                                            pki.issuer, issued, CertStatus.good())),
                                    full);
                }
                action.accept(new KnownCertificate(pki.issuer, serial, status, Optional.empty()));
            });
        };

        responder.cacheMaintainer().precompute(streaming, 2, Optional.of(changeLog));
        responder.cacheMaintainer().advanceWatermark();
        assertThat(store.watermark().orElseThrow())
                .as("held where the fill began: a restart reads the change again")
                .isLessThan(position);

        assertThat(responder.cacheMaintainer().signDropped(2)).isEqualTo(1);
        signatures.set(0);
        assertThat(ask(issued).cached())
                .as("precomputed, not signed on request")
                .isTrue();
        assertThat(signatures).hasValue(0);
        responder.cacheMaintainer().advanceWatermark();
        assertThat(store.watermark()).hasValue(position);
    }
}
