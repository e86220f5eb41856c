package corp.example.ocsp.http.source.routing;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusChange;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each CA answered from its own source: an index-like one (knows what was issued) whose CA's records
 * in the shared source are ignored, and a CRL-like one (does not) whose serials not on the CRL are
 * answered from what the shared source holds of them.
 */
class RoutedSourceTest {
    private static final BigInteger S1 = BigInteger.ONE;
    private static final BigInteger S2 = BigInteger.TWO;
    private static final CertStatus.Revoked ON_CRL = new CertStatus.Revoked(
            Instant.parse("2026-01-01T00:00:00Z"), Optional.of(RevocationReason.KEY_COMPROMISE), Optional.empty());

    private final Issuer storeCa =
            Issuer.of("store", TestPki.newRoot("Store CA").build().holder());
    private final Issuer indexCa =
            Issuer.of("index", TestPki.newRoot("Index CA").build().holder());
    private final Issuer crlCa =
            Issuer.of("crl", TestPki.newRoot("CRL CA").build().holder());
    private final Fake store = new Fake(true);
    private final Fake index = new Fake(true);
    private final Fake crl = new Fake(false);
    private final RoutedSource routed = new RoutedSource(Optional.of(store), Map.of(indexCa, index, crlCa, crl));

    @Test
    void eachCaIsAnsweredFromItsOwnSource_theStoresRecordsOfAnIndexCaAreIgnored() {
        store.put(storeCa, S1, CertStatus.good()).put(indexCa, S1, ON_CRL);
        index.put(indexCa, S1, CertStatus.good());
        assertThat(routed.lookup(storeCa, S1)).isEqualTo(CertStatus.good());
        assertThat(routed.lookup(indexCa, S1)).as("the index, not the store").isEqualTo(CertStatus.good());
        assertThat(routed.lookup(indexCa, S2)).isEqualTo(CertStatus.notKnown());
    }

    @Test
    void notOnTheCrl_isWhatTheStoreHolds_issuedGood_orNotKnown() {
        crl.put(crlCa, S1, ON_CRL);
        store.put(crlCa, S1, CertStatus.good()).put(crlCa, S2, CertStatus.good());
        assertThat(routed.lookup(crlCa, S1)).as("the CRL says revoked").isEqualTo(ON_CRL);
        assertThat(routed.lookup(crlCa, S2)).as("issued, not on the CRL").isEqualTo(CertStatus.good());
        assertThat(routed.lookup(crlCa, BigInteger.TEN)).isEqualTo(CertStatus.notKnown());
        assertThat(routed.lookupAll(crlCa, List.of(S1, S2, BigInteger.TEN)))
                .containsExactly(
                        Map.entry(S1, ON_CRL),
                        Map.entry(S2, CertStatus.good()),
                        Map.entry(BigInteger.TEN, CertStatus.notKnown()));
    }

    @Test
    void changes_areRouted_andAStoreChangeOfACrlCaIsAnsweredAsTheLookupsAnswerIt() {
        List<StatusChange> seen = new CopyOnWriteArrayList<>();
        routed.subscribe(seen::add);
        crl.put(crlCa, S1, ON_CRL);
        store.publish(new StatusChange(indexCa, S1, CertStatus.good())); // not the store's to say
        store.publish(new StatusChange(crlCa, S2, CertStatus.good())); // issued
        store.put(crlCa, S1, CertStatus.good()).publish(new StatusChange(crlCa, S1, CertStatus.good())); // on the CRL
        index.publish(new StatusChange(indexCa, S2, CertStatus.good()));
        assertThat(seen)
                .containsExactly(
                        new StatusChange(
                                crlCa, S2, CertStatus.notKnown()), // the store's fake has no record of S2: as looked up
                        new StatusChange(crlCa, S1, ON_CRL),
                        new StatusChange(indexCa, S2, CertStatus.good()));
    }

    @Test
    void inventory_listsEachCasOwn_andTheStoresCertificatesOfACrlCaNotOnTheCrl() {
        crl.put(crlCa, S1, ON_CRL).known(crlCa, S1, ON_CRL);
        store.known(crlCa, S1, CertStatus.good())
                .known(crlCa, S2, CertStatus.good())
                .known(indexCa, S1, ON_CRL);
        index.known(indexCa, S2, CertStatus.good());
        List<String> listed = new ArrayList<>();
        routed.forEachKnown(c -> listed.add(c.issuer().label() + " " + c.serial() + " " + c.status()));
        assertThat(listed).containsExactlyInAnyOrder("crl 2 good", "crl 1 " + ON_CRL, "index 2 good");
    }

    /** A source in memory with a feed and an inventory, knowing issuance or not (as a CRL). */
    private static final class Fake implements OpenSource, StatusFeed, StatusInventory {
        private final boolean knowsIssuance;
        private final InMemoryStatusSource statuses = new InMemoryStatusSource();
        private final List<Consumer<StatusChange>> subscribers = new CopyOnWriteArrayList<>();
        private final List<KnownCertificate> known = new ArrayList<>();

        Fake(boolean knowsIssuance) {
            this.knowsIssuance = knowsIssuance;
        }

        Fake put(Issuer i, BigInteger serial, CertStatus s) {
            statuses.put(i, serial, s);
            return this;
        }

        Fake known(Issuer i, BigInteger serial, CertStatus s) {
            known.add(new KnownCertificate(i, serial, s, Optional.empty()));
            return this;
        }

        void publish(StatusChange c) {
            subscribers.forEach(s -> s.accept(c));
        }

        @Override
        public StatusSource statuses() {
            return statuses;
        }

        @Override
        public Reachability reachability() {
            return () -> {};
        }

        @Override
        public Optional<Changes> changes() {
            return Optional.of(new Changes(this, this));
        }

        @Override
        public boolean knowsIssuance() {
            return knowsIssuance;
        }

        @Override
        public SourceAdmin admin() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}

        @Override
        public Subscription subscribe(Consumer<StatusChange> subscriber) {
            subscribers.add(subscriber);
            return () -> subscribers.remove(subscriber);
        }

        @Override
        public void forEachKnown(Consumer<KnownCertificate> action) {
            known.forEach(action);
        }
    }
}
