package corp.example.ocsp.core;

import static corp.example.ocsp.core.Answers.signed;
import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;

/** The precomputed response cache as the Responder uses it. */
class ResponderCacheTest {
    private static final Executor INLINE = Runnable::run;
    private final TestCas pki = new TestCas();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private final StatusSource counting = (issuer, serial) -> {
        if (down.get()) {
            throw new StatusUnavailableException("connection refused");
        }
        lookups.incrementAndGet();
        return pki.source.lookup(issuer, serial);
    };

    private Responder responder(CacheSettings cache) {
        return Responder.builder("cached", counting)
                .clock(pki.clock)
                .cache(cache)
                .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                .build();
    }

    private Responder responder() {
        return responder(CacheSettings.defaults());
    }

    /** A new certificate the source says is good. */
    private CertBundle goodLeaf(String name) {
        CertBundle leaf = pki.leaf(name);
        pki.source.good(pki.issuer, leaf.serial());
        return leaf;
    }

    private static byte[] request(CertBundle leaf, CertIdHash hash) {
        return OcspRequestBuilder.create().certId(leaf, hash).build();
    }

    private StatusInventory inventory(CertBundle... leaves) {
        return action -> {
            for (CertBundle leaf : leaves) {
                action.accept(new KnownCertificate(
                        pki.issuer,
                        leaf.serial(),
                        pki.source.lookup(pki.issuer, leaf.serial()),
                        Optional.of(leaf.certificate().getNotAfter().toInstant())));
            }
        };
    }

    private static OcspAnswer.Signed hit(FirstLook look) {
        assertThat(look).as("answered from the cache").isInstanceOf(FirstLook.Answered.class);
        OcspAnswer.Signed answer = signed(((FirstLook.Answered) look).answer());
        assertThat(answer.cached()).as("says it came from the cache").isTrue();
        return answer;
    }

    @Test
    void secondRequest_isAnsweredFromTheCacheWithTheSameBytesAndNoLookup() {
        CertBundle leaf = pki.leaf("good.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = responder();

        FirstLook first = responder.look(request(leaf, CertIdHash.SHA1));
        assertThat(first).isInstanceOf(FirstLook.Pending.class);
        OcspAnswer.Signed signed = signed(responder.respond((FirstLook.Pending) first));
        assertThat(signed.cached()).as("signed for this request").isFalse();
        OcspAnswer.Signed cached = hit(responder.look(request(leaf, CertIdHash.SHA1)));

        assertThat(cached.der()).isEqualTo(signed.der());
        assertThat(cached.etag()).contains(OcspAnswer.etag(signed.der()));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void precompute_answersSha1AtOnceAndOtherHashesOnFirstRequest() {
        CertBundle good = pki.leaf("good.example");
        CertBundle revoked = pki.leaf("revoked.example");
        CertBundle expired = pki.issuing
                .issueLeaf("expired.example")
                .clock(pki.clock)
                .notBefore(TestCas.NOW.minus(Duration.ofDays(30)))
                .notAfter(TestCas.NOW.minus(Duration.ofDays(1)))
                .build();
        pki.source
                .good(pki.issuer, good.serial())
                .good(pki.issuer, expired.serial())
                .put(
                        pki.issuer,
                        revoked.serial(),
                        CertStatus.revoked(TestCas.NOW.minusSeconds(60), RevocationReason.KEY_COMPROMISE));
        Responder responder = responder();

        assertThat(responder.cacheMaintainer().precompute(inventory(good, revoked, expired)))
                .isEqualTo(2);

        assertThat(Parsed.of(hit(responder.look(request(good, CertIdHash.SHA1))).der())
                        .basic()
                        .getResponses()[0]
                        .getCertStatus())
                .isEqualTo(CertificateStatus.GOOD);
        assertThat(Parsed.of(hit(responder.look(request(revoked, CertIdHash.SHA1)))
                                .der())
                        .basic()
                        .getResponses()[0]
                        .getCertStatus())
                .isInstanceOf(RevokedStatus.class);
        assertThat(responder.look(request(expired, CertIdHash.SHA1))).isInstanceOf(FirstLook.Pending.class);
        assertThat(responder.look(request(good, CertIdHash.SHA256))).isInstanceOf(FirstLook.Pending.class);
        assertThat(lookups).hasValue(0);
        // the known status is cached too: the SHA-256 miss is signed without a lookup
        responder.respond((FirstLook.Pending) responder.look(request(good, CertIdHash.SHA256)));
        assertThat(lookups).hasValue(0);
        hit(responder.look(request(good, CertIdHash.SHA256)));
    }

    @Test
    void precompute_ofSha256Too_whenConfigured() {
        CertBundle good = pki.leaf("good.example");
        pki.source.good(pki.issuer, good.serial());
        Responder responder = responder(
                CacheSettings.defaults().withPrecompute(EnumSet.of(HashAlgorithm.SHA1, HashAlgorithm.SHA256)));

        responder.cacheMaintainer().precompute(inventory(good));

        hit(responder.look(request(good, CertIdHash.SHA1)));
        hit(responder.look(request(good, CertIdHash.SHA256)));
        // a CertID without NULL parameters is another encoding: it must be echoed as sent, so it is not this entry
        FirstLook absent = responder.look(OcspRequestBuilder.create()
                .certId(good, CertIdHash.SHA1)
                .hashParametersAbsent()
                .build());
        assertThat(absent).isInstanceOf(FirstLook.Pending.class);
    }

    @Test
    void nonceEcho_isSignedLiveWithTheNonce_nonceIgnore_servesTheCachedAnswer() {
        CertBundle good = pki.leaf("good.example");
        pki.source.good(pki.issuer, good.serial());
        byte[] withNonce = OcspRequestBuilder.create()
                .certId(good, CertIdHash.SHA1)
                .nonceOfLength(16)
                .build();

        Responder echo = responder();
        echo.cacheMaintainer().precompute(inventory(good));
        FirstLook look = echo.look(withNonce);
        assertThat(look).isInstanceOf(FirstLook.Pending.class);
        OcspAnswer live = echo.respond((FirstLook.Pending) look);
        assertThat(Parsed.of(live.der()).data().getResponseExtensions()).isNotNull();
        assertThat(lookups).as("the nonce answer used the cached status").hasValue(0);

        Responder ignore = Responder.builder("ignore", counting)
                .clock(pki.clock)
                .cache(CacheSettings.defaults())
                .settings(ResponderSettings.defaults().withNonce(NoncePolicy.IGNORE))
                .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                .build();
        ignore.cacheMaintainer().precompute(inventory(good));
        OcspAnswer.Signed cached = hit(ignore.look(withNonce));
        assertThat(Parsed.of(cached.der()).data().getResponseExtensions()).isNull();
    }

    @Test
    void aNonceWithACachedStatusIsSignedWithoutBlocking_anythingNeedingTheSourceOrTheStoreIsNot() {
        CertBundle known = goodLeaf("known.example");
        CertBundle other = goodLeaf("other.example");
        Responder responder = responder();
        responder.cacheMaintainer().precompute(inventory(known)); // signs, so the signer's time is known
        byte[] nonce = OcspRequestBuilder.create()
                .certId(known, CertIdHash.SHA1)
                .nonceOfLength(16)
                .build();

        Optional<OcspAnswer> now = responder.respondWithoutBlocking((FirstLook.Pending) responder.look(nonce));
        assertThat(now).get().isInstanceOf(OcspAnswer.Signed.class);
        assertThat(Parsed.of(now.get().der()).data().getResponseExtensions()).isNotNull();
        assertThat(Parsed.of(now.get().der()).basic().getResponses()[0].getCertStatus())
                .isEqualTo(CertificateStatus.GOOD);

        byte[] uncachedNonce = OcspRequestBuilder.create()
                .certId(other, CertIdHash.SHA1)
                .nonceOfLength(16)
                .build();
        assertThat(responder.respondWithoutBlocking((FirstLook.Pending) responder.look(uncachedNonce)))
                .as("a status the cache does not hold needs the source")
                .isEmpty();
        assertThat(responder.respondWithoutBlocking(
                        (FirstLook.Pending) responder.look(request(other, CertIdHash.SHA1))))
                .as("a cacheable request may be in the store, read off the event loop")
                .isEmpty();
        assertThat(lookups).as("the source was never asked").hasValue(0);
    }

    @Test
    void revocationFromTheFeed_replacesTheCachedGoodAtOnce() {
        CertBundle leaf = pki.leaf("soon-revoked.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = responder();
        responder.cacheMaintainer().precompute(inventory(leaf));
        hit(responder.look(request(leaf, CertIdHash.SHA1)));

        CertStatus revoked = CertStatus.revoked(TestCas.NOW, RevocationReason.KEY_COMPROMISE);
        pki.source.put(pki.issuer, leaf.serial(), revoked);
        List<Runnable> resign = new java.util.ArrayList<>();
        responder.cacheMaintainer().onChange(new StatusChange(pki.issuer, leaf.serial(), revoked), resign::add);

        // invalidated before anything is re-signed: the next request cannot see the old answer
        FirstLook look = responder.look(request(leaf, CertIdHash.SHA1));
        assertThat(look).isInstanceOf(FirstLook.Pending.class);
        assertThat(resign).hasSize(1);
        resign.get(0).run();
        assertThat(Parsed.of(hit(responder.look(request(leaf, CertIdHash.SHA1))).der())
                        .basic()
                        .getResponses()[0]
                        .getCertStatus())
                .isInstanceOf(RevokedStatus.class);
    }

    @Test
    void newCertificateFromTheFeed_isAnsweredAsKnown() {
        CertBundle fresh = pki.leaf("fresh.example");
        Responder responder = responder();
        assertThat(responder.respond(request(fresh, CertIdHash.SHA1)).outcome()).isEqualTo(Outcome.UNKNOWN);

        pki.source.good(pki.issuer, fresh.serial());
        responder.cacheMaintainer().onChange(new StatusChange(pki.issuer, fresh.serial(), CertStatus.good()), INLINE);

        assertThat(hit(responder.look(request(fresh, CertIdHash.SHA1))).outcome())
                .isEqualTo(Outcome.GOOD);
    }

    @Test
    void aBatchOfTheFeed_isAppliedWhole_theLastChangeOfASerialCounts_andOnceTheQueueRefusesATaskTheRestIsNotOffered() {
        CertBundle a = goodLeaf("batch-a.example");
        CertBundle b = goodLeaf("batch-b.example");
        CertBundle c = goodLeaf("batch-c.example");
        List<CertBundle> more = new java.util.ArrayList<>();
        for (int i = 0; i < CacheMaintainer.RESIGNS_PER_TASK; i++) {
            more.add(goodLeaf("batch-more-" + i + ".example"));
        }
        List<CertBundle> all = new java.util.ArrayList<>(List.of(a, b, c));
        all.addAll(more);
        Responder responder = responder();
        responder.cacheMaintainer().precompute(inventory(all.toArray(CertBundle[]::new)));
        CertStatus revoked = CertStatus.revoked(TestCas.NOW, RevocationReason.KEY_COMPROMISE);
        List<StatusChange> batch = new java.util.ArrayList<>(List.of(
                new StatusChange(pki.issuer, a.serial(), revoked),
                new StatusChange(pki.issuer, b.serial(), revoked),
                new StatusChange(pki.issuer, a.serial(), CertStatus.good()),
                new StatusChange(pki.issuer, c.serial(), revoked)));
        for (CertBundle leaf : List.of(b, c)) {
            pki.source.put(pki.issuer, leaf.serial(), revoked);
        }
        for (CertBundle leaf : more) {
            pki.source.put(pki.issuer, leaf.serial(), revoked);
            batch.add(new StatusChange(pki.issuer, leaf.serial(), revoked));
        }
        List<Runnable> offered = new java.util.ArrayList<>();
        Executor roomForOne = task -> {
            if (!offered.isEmpty()) {
                throw new java.util.concurrent.RejectedExecutionException("full");
            }
            offered.add(task);
        };

        int refused = responder.cacheMaintainer().onChanges(batch, roomForOne);

        // in the order of each serial's last change: b, a, c, then the others; the first task
        // takes RESIGNS_PER_TASK of them, the next is refused with the last three
        assertThat(refused).isEqualTo(3);
        for (CertBundle leaf : all) {
            assertThat(responder.look(request(leaf, CertIdHash.SHA1)))
                    .as("every serial of the batch invalidated at once")
                    .isInstanceOf(FirstLook.Pending.class);
        }
        offered.get(0).run();
        assertThat(hit(responder.look(request(b, CertIdHash.SHA1))).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(hit(responder.look(request(a, CertIdHash.SHA1))).outcome())
                .as("a's last change: good again")
                .isEqualTo(Outcome.GOOD);
        assertThat(hit(responder.look(request(c, CertIdHash.SHA1))).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(hit(responder.look(request(more.get(28), CertIdHash.SHA1))).outcome())
                .as("the task's last")
                .isEqualTo(Outcome.REVOKED);
        CertBundle notOffered = more.get(29);
        assertThat(responder.look(request(notOffered, CertIdHash.SHA1)))
                .as("refused: not signed ahead")
                .isInstanceOf(FirstLook.Pending.class);
        assertThat(responder.respond(request(notOffered, CertIdHash.SHA1)).outcome())
                .as("answered live with its new status")
                .isEqualTo(Outcome.REVOKED);
    }

    @Test
    void aChangeDuringTheFill_toAnotherSerialOfAStripe_doesNotLeaveTheLaterCertificatesOfThatStripeUnsigned() {
        CertBundle early = goodLeaf("early.example");
        CertBundle later = goodLeaf("later.example");
        BigInteger mate = Stripes.mateOf(pki.issuer, later.serial());
        Responder responder = responder();
        StatusInventory streaming = action -> {
            inventory(early).forEachKnown(action);
            // committed while the fill streams: its tickets, as of the fill's start, are void for the stripe
            responder.cacheMaintainer().onChange(new StatusChange(pki.issuer, mate, CertStatus.good()), task -> {});
            inventory(later).forEachKnown(action);
        };

        responder.cacheMaintainer().precompute(streaming);

        assertThat(hit(responder.look(request(later, CertIdHash.SHA1))).outcome())
                .as("kept under a ticket taken after the change, the source still saying good")
                .isEqualTo(Outcome.GOOD);
        assertThat(hit(responder.look(request(early, CertIdHash.SHA1))).outcome())
                .isEqualTo(Outcome.GOOD);
    }

    @Test
    void lookupThatRacedARevocation_cannotPutTheOldAnswerBack() throws Exception {
        CertBundle leaf = pki.leaf("raced.example");
        pki.source.good(pki.issuer, leaf.serial());
        CountDownLatch inLookup = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        StatusSource slow = (issuer, serial) -> {
            CertStatus s = pki.source.lookup(issuer, serial); // reads "good"
            inLookup.countDown();
            try {
                changed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return s;
        };
        Responder responder = Responder.builder("raced", slow)
                .clock(pki.clock)
                .cache(CacheSettings.defaults())
                .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                .build();

        FirstLook.Pending pending = (FirstLook.Pending) responder.look(request(leaf, CertIdHash.SHA1));
        CompletableFuture<OcspAnswer> inFlight = CompletableFuture.supplyAsync(() -> responder.respond(pending));
        assertThat(inLookup.await(5, TimeUnit.SECONDS)).isTrue();
        CertStatus revoked = CertStatus.revoked(TestCas.NOW, RevocationReason.KEY_COMPROMISE);
        pki.source.put(pki.issuer, leaf.serial(), revoked);
        responder.cacheMaintainer().onChange(new StatusChange(pki.issuer, leaf.serial(), revoked), task -> {});
        changed.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.GOOD); // answered before the change
        assertThat(responder.look(request(leaf, CertIdHash.SHA1)))
                .as("the old good was not cached")
                .isInstanceOf(FirstLook.Pending.class);
    }

    @Test
    void unknownSerialFlood_isNeverCachedAndCannotEvictKnownAnswers() {
        CertBundle good = pki.leaf("good.example");
        pki.source.good(pki.issuer, good.serial());
        // room for a handful of responses only
        Responder responder = responder(CacheSettings.defaults().withMaxBytes(8 * 1024));
        responder.cacheMaintainer().precompute(inventory(good));
        Random random = new Random(1);

        for (int i = 0; i < 2_000; i++) {
            byte[] req = OcspRequestBuilder.create()
                    .certId(pki.issuing.certificate(), new BigInteger(128, random), CertIdHash.SHA1)
                    .build();
            FirstLook look = responder.look(req);
            assertThat(look).isInstanceOf(FirstLook.Pending.class);
            assertThat(responder.respond((FirstLook.Pending) look).outcome()).isEqualTo(Outcome.UNKNOWN);
        }

        hit(responder.look(request(good, CertIdHash.SHA1)));
        assertThat(responder.cacheFigures().responses()).isEqualTo(1);
        assertThat(responder.cacheFigures().statuses()).isEqualTo(1);
    }

    @Test
    void entryPastItsNextUpdate_isNeverServed() {
        CertBundle leaf = pki.leaf("aging.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = responder();
        responder.cacheMaintainer().precompute(inventory(leaf));
        OcspAnswer.Signed cached = hit(responder.look(request(leaf, CertIdHash.SHA1)));

        assertThat(responder.cacheFigures().expired()).isZero();

        pki.clock.set(cached.nextUpdate());

        assertThat(responder.look(request(leaf, CertIdHash.SHA1))).isInstanceOf(FirstLook.Pending.class);
        assertThat(responder.cacheFigures().expired())
                .as("counted as reaching its nextUpdate unrefreshed")
                .isEqualTo(1);
    }

    @Test
    void earliestNextUpdate_isTheOldestCachedAnswers_andMovesOnWhenItIsReSigned() {
        CertBundle older = pki.leaf("older.example");
        CertBundle newer = pki.leaf("newer.example");
        pki.source.good(pki.issuer, older.serial()).good(pki.issuer, newer.serial());
        Responder responder = responder();
        assertThat(responder.cacheFigures().earliestNextUpdate())
                .as("nothing cached")
                .isEmpty();
        responder.cacheMaintainer().precompute(inventory(older));
        OcspAnswer.Signed first = hit(responder.look(request(older, CertIdHash.SHA1)));
        pki.clock.set(TestCas.NOW.plus(Duration.ofHours(12))); // more than the refresh jitter (10 % of 2 days)
        responder.cacheMaintainer().precompute(inventory(newer));
        OcspAnswer.Signed second = hit(responder.look(request(newer, CertIdHash.SHA1)));
        assertThat(second.nextUpdate()).isAfter(first.nextUpdate());

        assertThat(responder.cacheFigures().earliestNextUpdate()).contains(first.nextUpdate());

        pki.clock.set(first.refreshAt().orElseThrow().plusSeconds(1));
        responder.cacheMaintainer().refreshDue(100);
        assertThat(responder.cacheFigures().earliestNextUpdate())
                .as("the older answer was re-signed, so the newer one is now the earliest")
                .contains(second.nextUpdate());
    }

    @Test
    void cachedAnswers_areNotServedOnceTheResponderCertificateExpired() {
        CertBundle leaf = pki.leaf("signer-expiry.example");
        pki.source.good(pki.issuer, leaf.serial());
        // the signer expires a day from now, well before the 4-day responses it signs
        CertBundle shortLived = pki.issuing
                .issueOcspSigner("Short-lived OCSP")
                .clock(pki.clock)
                .notAfter(TestCas.NOW.plus(Duration.ofDays(1)))
                .build();
        Responder responder = Responder.builder("short", counting)
                .clock(pki.clock)
                .cache(CacheSettings.defaults())
                .issuer(pki.issuer, TestCas.signer(shortLived, pki.issuer, pki.clock))
                .build();
        responder.cacheMaintainer().precompute(inventory(leaf));
        OcspAnswer.Signed cached = hit(responder.look(request(leaf, CertIdHash.SHA1)));

        pki.clock.set(shortLived.certificate().getNotAfter().toInstant().plusSeconds(1));
        assertThat(pki.clock.instant()).isBefore(cached.nextUpdate());

        assertThat(responder.respond(request(leaf, CertIdHash.SHA1)).der()).isEqualTo(ErrorStatus.TRY_LATER.der());
    }

    @Test
    void refreshDue_reSignsOnlyEntriesPastTheirRefreshTime() {
        CertBundle leaf = pki.leaf("refresh.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = responder();
        responder.cacheMaintainer().precompute(inventory(leaf));
        OcspAnswer.Signed first = hit(responder.look(request(leaf, CertIdHash.SHA1)));
        Instant refreshAt = first.refreshAt().orElseThrow();

        pki.clock.set(refreshAt.minusSeconds(1));
        assertThat(responder.cacheMaintainer().refreshDue(100)).isZero();
        pki.clock.set(refreshAt.plusSeconds(1));
        assertThat(responder.cacheMaintainer().refreshDue(100)).isEqualTo(1);

        OcspAnswer.Signed second = hit(responder.look(request(leaf, CertIdHash.SHA1)));
        assertThat(second.producedAt()).isAfter(first.producedAt());
        assertThat(second.nextUpdate()).isAfter(first.nextUpdate());
        assertThat(lookups).as("the status came from the cache").hasValue(0);
    }

    @Test
    void refreshTime_staysInsideBr499ForEveryValidity() {
        for (Duration validity : new Duration[] {
            Duration.ofHours(8), Duration.ofHours(15), Duration.ofHours(16), Duration.ofDays(4), Duration.ofDays(10)
        }) {
            CertBundle leaf = pki.leaf("br.example");
            pki.source.good(pki.issuer, leaf.serial());
            Responder responder = Responder.builder("br", counting)
                    .clock(pki.clock)
                    .settings(ResponderSettings.defaults().withValidity(validity))
                    .cache(new CacheSettings(1 << 20, 0.9, Set.of(HashAlgorithm.SHA1), 1000, 1000))
                    .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                    .build();
            for (int i = 0; i < 20; i++) {
                OcspAnswer.Signed a = signed(responder.respond(request(leaf, CertIdHash.SHA1)));
                Instant thisUpdate = a.thisUpdate();
                Instant nextUpdate = a.nextUpdate();
                Instant refresh = a.refreshAt().orElseThrow();
                assertThat(refresh).as(validity.toString()).isAfter(thisUpdate);
                if (validity.compareTo(Duration.ofHours(16)) < 0) {
                    assertThat(refresh)
                            .as(validity + ": before the halfway point")
                            .isBeforeOrEqualTo(thisUpdate.plus(validity.dividedBy(2)));
                } else {
                    assertThat(refresh)
                            .as(validity + ": 8 h before nextUpdate")
                            .isBeforeOrEqualTo(nextUpdate.minus(Duration.ofHours(8)));
                    assertThat(refresh)
                            .as(validity + ": within 4 days")
                            .isBeforeOrEqualTo(thisUpdate.plus(Duration.ofDays(4)));
                }
            }
        }
    }

    @Test
    void databaseDown_cachedAnswersFlow_knownNonceRequestsAreSigned_missesGetTryLater() {
        CertBundle good = pki.leaf("good.example");
        CertBundle notCached = pki.leaf("uncached.example");
        pki.source.good(pki.issuer, good.serial()).good(pki.issuer, notCached.serial());
        Responder responder = responder();
        responder.cacheMaintainer().precompute(inventory(good));
        down.set(true);

        assertThat(hit(responder.look(request(good, CertIdHash.SHA1))).outcome())
                .isEqualTo(Outcome.GOOD);
        assertThat(responder
                        .respond(OcspRequestBuilder.create()
                                .certId(good, CertIdHash.SHA1)
                                .nonceOfLength(16)
                                .build())
                        .outcome())
                .isEqualTo(Outcome.GOOD);
        assertThat(responder.respond(request(notCached, CertIdHash.SHA1)).der()).isEqualTo(ErrorStatus.TRY_LATER.der());
    }

    @Test
    void disabledCache_looksUpEveryTime() {
        CertBundle leaf = pki.leaf("nocache.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = responder(CacheSettings.disabled());
        responder.respond(request(leaf, CertIdHash.SHA1));
        responder.respond(request(leaf, CertIdHash.SHA1));
        assertThat(lookups).hasValue(2);
    }
}
