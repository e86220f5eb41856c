package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LookupTest extends OneIssuerStoreTest {
    @BeforeAll
    static void setUp() {
        open("lookup-ca", "Lookup CA");
    }

    @Test
    void lookup_addedCertificateIsGood() {
        store.admin().addCertificates("lookup-ca", List.of(TestCerts.leaf(ca, BigInteger.valueOf(1001))));

        assertThat(store.lookup(issuer, BigInteger.valueOf(1001))).isEqualTo(CertStatus.good());
    }

    @Test
    void lookup_revokedCertificateCarriesTimeReasonAndInvalidityDate() {
        BigInteger serial = BigInteger.valueOf(1002);
        store.admin().addCertificates("lookup-ca", List.of(TestCerts.leaf(ca, serial)));
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant invalid = at.minus(1, ChronoUnit.DAYS);

        store.admin()
                .revoke(
                        "lookup-ca",
                        serial,
                        Revocation.because(RevocationReason.KEY_COMPROMISE)
                                .at(at)
                                .invalidSince(invalid));

        assertThat(store.lookup(issuer, serial))
                .isEqualTo(
                        new CertStatus.Revoked(at, Optional.of(RevocationReason.KEY_COMPROMISE), Optional.of(invalid)));
    }

    @Test
    void lookup_serialNeverRecordedIsNotKnown() {
        assertThat(store.lookup(issuer, new BigInteger("987654321"))).isEqualTo(CertStatus.notKnown());
    }

    @Test
    void lookup_issuerNotInTheStoreIsNotKnownForEverySerial() {
        Issuer stranger = Issuer.of("stranger", TestCerts.ca("Stranger CA").cert());

        assertThat(store.lookup(stranger, BigInteger.valueOf(1001))).isEqualTo(CertStatus.notKnown());
        assertThat(store.lookupAll(stranger, List.of(BigInteger.ONE, BigInteger.TWO)))
                .containsOnly(
                        Map.entry(BigInteger.ONE, CertStatus.notKnown()),
                        Map.entry(BigInteger.TWO, CertStatus.notKnown()));
    }

    @Test
    void lookup_issuerIsMatchedByNameAndKeyHashesNotByLabel() {
        store.admin().addCertificates("lookup-ca", List.of(TestCerts.leaf(ca, BigInteger.valueOf(1003))));
        Issuer sameCaOtherLabel = Issuer.of("what-the-responder-calls-it", ca.cert());

        assertThat(store.lookup(sameCaOtherLabel, BigInteger.valueOf(1003))).isEqualTo(CertStatus.good());
    }

    /** 0; one octet; 0x80 needs a 0x00 pad; 20 octets (the RFC 5280 maximum); 20 octets with a pad; negatives. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "7F",
                "80",
                "FF",
                "0100",
                "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                "-1",
                "-80",
                "-81"
            })
    void lookup_serialEdgeCasesRoundTripExactly(String hex) {
        BigInteger serial = SerialNumbers.parseHex(hex);
        store.admin().addCertificates("lookup-ca", List.of(TestCerts.leaf(ca, serial)));

        assertThat(store.lookup(issuer, serial)).isEqualTo(CertStatus.good());
        assertThat(store.certificate("lookup-ca", serial))
                .get()
                .extracting(CertificateRecord::serial)
                .isEqualTo(serial);
        // a serial differing only by sign or by the pad is another serial
        assertThat(store.lookup(issuer, serial.negate().subtract(BigInteger.TEN)))
                .isEqualTo(CertStatus.notKnown());
    }

    @Test
    void storedSerial_isTheIntegerContentOctets() {
        store.admin()
                .addCertificates(
                        "lookup-ca",
                        List.of(
                                TestCerts.leaf(ca, new BigInteger("8001", 16)),
                                TestCerts.leaf(ca, BigInteger.valueOf(-130))));

        assertThat(StoreTests.count(db, "SELECT count(*) FROM certificates WHERE serial = '\\x008001'"))
                .isEqualTo(1);
        assertThat(StoreTests.count(db, "SELECT count(*) FROM certificates WHERE serial = '\\xff7e'"))
                .isEqualTo(1);
    }

    @Test
    void lookupAll_answersEveryRequestedSerialInOneQuery() {
        BigInteger good = BigInteger.valueOf(2001);
        BigInteger revoked = BigInteger.valueOf(2002);
        BigInteger unknown = BigInteger.valueOf(2003);
        store.admin().addCertificates("lookup-ca", List.of(TestCerts.leaf(ca, good), TestCerts.leaf(ca, revoked)));
        store.admin().revoke("lookup-ca", revoked, Revocation.because(RevocationReason.SUPERSEDED));

        Map<BigInteger, CertStatus> all = store.lookupAll(issuer, List.of(good, revoked, unknown));

        assertThat(all).containsOnlyKeys(good, revoked, unknown);
        assertThat(all.get(good)).isEqualTo(CertStatus.good());
        assertThat(all.get(revoked))
                .isInstanceOfSatisfying(
                        CertStatus.Revoked.class, r -> assertThat(r.reason()).contains(RevocationReason.SUPERSEDED));
        assertThat(all.get(unknown)).isEqualTo(CertStatus.notKnown());
    }

    @Test
    void issuers_listsRegisteredIssuersWithTheirCounts() {
        assertThat(store.issuers()).singleElement().satisfies(r -> {
            assertThat(r.label()).isEqualTo("lookup-ca");
            assertThat(r.issuer()).isEqualTo(issuer);
        });
    }

    @Test
    void forEachCertificate_streamsEveryRow() {
        store.admin().addCertificates("lookup-ca", List.of(TestCerts.leaf(ca, BigInteger.valueOf(3001))));
        long rows = StoreTests.count(db, "SELECT count(*) FROM certificates");
        List<CertificateRecord> seen = new java.util.ArrayList<>();

        store.forEachCertificate(seen::add);

        assertThat(seen).hasSize((int) rows);
        assertThat(seen).anySatisfy(r -> {
            assertThat(r.serial()).isEqualTo(BigInteger.valueOf(3001));
            assertThat(r.issuer().label()).isEqualTo("lookup-ca");
            assertThat(r.notAfter()).isPresent();
            assertThat(r.hasCertificate()).isTrue();
        });
    }
}
