package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusChange;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache's guard against writes that raced a change, as its tickets enforce it. */
class ResponseCacheTicketTest {
    private final TestCas pki = new TestCas();
    private final ResponseCache cache = new ResponseCache(CacheSettings.defaults(), pki.clock);
    private final BigInteger serial = BigInteger.valueOf(0x1234);
    private final CacheKey key = new CacheKey(pki.issuer, serial, HashAlgorithm.SHA1, false);

    private OcspAnswer.Signed good() {
        byte[] der = {0x30, 0x00};
        return new OcspAnswer.Signed(
                der,
                Outcome.GOOD,
                TestCas.NOW,
                TestCas.NOW.plus(Duration.ofDays(4)),
                TestCas.NOW,
                TestCas.NOW.plus(Duration.ofDays(30)),
                Optional.of(OcspAnswer.Caching.of(TestCas.NOW.plus(Duration.ofDays(2)), der)),
                List.of("1234"),
                false);
    }

    @Test
    void writesWithATicketTakenBeforeAChange_areDropped() {
        ResponseCache.Ticket beforeRevocation = cache.ticket(pki.issuer, serial);
        ResponseCache.Snapshot beforeAll = cache.snapshot();
        CertStatus revoked = CertStatus.revoked(TestCas.NOW, RevocationReason.KEY_COMPROMISE);
        cache.changed(pki.issuer, serial, revoked);

        cache.put(beforeRevocation, key, good(), CertStatus.good());
        cache.putStatus(beforeRevocation, CertStatus.good());
        cache.putStatus(beforeAll.ticket(pki.issuer, serial), CertStatus.good());

        assertThat(cache.get(key, TestCas.NOW))
                .as("the old answer was not put back")
                .isNull();
        assertThat(cache.status(pki.issuer, serial)).contains(revoked);
    }

    @Test
    void writesWithAFreshTicket_areKept_andServedAsCached() {
        ResponseCache.Ticket ticket = cache.ticket(pki.issuer, serial);

        cache.put(ticket, key, good(), CertStatus.good());
        cache.putStatus(ticket, CertStatus.good());

        assertThat(cache.get(key, TestCas.NOW))
                .isNotNull()
                .extracting(OcspAnswer.Signed::cached)
                .isEqualTo(true);
        assertThat(cache.status(pki.issuer, serial)).contains(CertStatus.good());
        assertThat(cache.figures().responses()).isEqualTo(1);
        assertThat(cache.figures().statuses()).isEqualTo(1);
    }

    @Test
    void aTicketForOneSerial_cannotCacheAnotherSerialsAnswer() {
        ResponseCache.Ticket other = cache.ticket(pki.issuer, BigInteger.valueOf(0x99));

        assertThatThrownBy(() -> cache.put(other, key, good(), CertStatus.good()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a ticket for serial 99 cannot cache an answer for serial 1234");
    }

    @Test
    void changesOfOneBatch_doNotVoidEachOthersTickets_thoughOneAtATimeALaterOneOfTheStripeDoes() {
        BigInteger sameStripe = Stripes.mateOf(pki.issuer, serial);
        CacheKey otherKey = new CacheKey(pki.issuer, sameStripe, HashAlgorithm.SHA1, false);
        CertStatus revoked = CertStatus.revoked(TestCas.NOW, RevocationReason.KEY_COMPROMISE);

        ResponseCache.Ticket first = cache.changed(pki.issuer, serial, revoked);
        cache.changed(pki.issuer, sameStripe, revoked);
        assertThat(cache.put(first, key, good(), revoked))
                .as("one at a time: dropped, its stripe changed again")
                .isTrue();

        List<ResponseCache.Ticket> batch = cache.changedAll(List.of(
                new StatusChange(pki.issuer, serial, CertStatus.good()),
                new StatusChange(pki.issuer, sameStripe, CertStatus.good())));
        assertThat(cache.put(batch.get(0), key, good(), CertStatus.good())).isFalse();
        assertThat(cache.put(batch.get(1), otherKey, good(), CertStatus.good())).isFalse();
        assertThat(cache.get(key, TestCas.NOW)).isNotNull();
        assertThat(cache.get(otherKey, TestCas.NOW)).isNotNull();
        assertThat(cache.status(pki.issuer, sameStripe)).contains(CertStatus.good());
    }

    @Test
    void aBatchOfChanges_dropsTheWritesOfTicketsTakenBeforeIt() {
        ResponseCache.Ticket before = cache.ticket(pki.issuer, serial);
        CertStatus revoked = CertStatus.revoked(TestCas.NOW, RevocationReason.KEY_COMPROMISE);

        cache.changedAll(List.of(
                new StatusChange(pki.issuer, BigInteger.valueOf(0x77), revoked),
                new StatusChange(pki.issuer, serial, revoked)));

        assertThat(cache.put(before, key, good(), CertStatus.good())).isTrue();
        assertThat(cache.get(key, TestCas.NOW)).isNull();
        assertThat(cache.status(pki.issuer, serial)).contains(revoked);
    }
}
