package corp.example.ocsp.testing.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.testing.MutableClock;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Subject, validity, serial and key options common to every builder. */
class CertificateOptionsTest {

    private static final Instant NOW = Instant.parse("2026-05-10T08:00:00Z");

    private static Ca ca;

    @BeforeAll
    static void buildCa() {
        ca = TestPki.newRoot("Options Root").build();
    }

    @Test
    void subject_defaultsToCnAndOrganizationAddsO() {
        CertBundle plain = ca.issueLeaf("plain").build();
        CertBundle withO = ca.issueLeaf("with o").organization("Example Corp").build();

        assertThat(plain.holder().getSubject().toString()).isEqualTo("CN=plain");
        assertThat(withO.holder().getSubject().toString()).isEqualTo("O=Example Corp,CN=with o");
    }

    @Test
    void subject_replacesTheWholeDnAndIsTheIssuerOfWhatTheCaIssues() {
        Ca custom = TestPki.newRoot("ignored")
                .subject("C=DE, O=Example, CN=Custom Root")
                .build();
        CertBundle leaf = custom.issueLeaf("leaf").build();

        assertThat(custom.holder().getSubject()).isEqualTo(new X500Name("C=DE, O=Example, CN=Custom Root"));
        assertThat(leaf.certificate().getIssuerX500Principal())
                .isEqualTo(custom.certificate().getSubjectX500Principal());
    }

    @Test
    void validity_defaultsToAMinuteAgoUntil365DaysFromTheClock() {
        CertBundle leaf = ca.issueLeaf("leaf").clock(MutableClock.at(NOW)).build();

        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(60));
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void validity_explicitNotBeforeAndNotAfterAreUsedAsGiven() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant until = Instant.parse("2060-12-31T23:59:59Z");

        CertBundle leaf = ca.issueLeaf("leaf").notBefore(from).notAfter(until).build();

        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(until);
    }

    @Test
    void validFor_countsFromTheClockAndDiscardsEarlierBounds() {
        MutableClock clock = MutableClock.at(NOW);

        CertBundle leaf = ca.issueLeaf("leaf")
                .clock(clock)
                .notBefore(Instant.EPOCH)
                .notAfter(Instant.EPOCH)
                .validFor(Duration.ofHours(2))
                .build();

        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(60));
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plusSeconds(7200));
    }

    @Test
    void expired_certificateCanBeBuiltFromAnAdvancedClock() {
        MutableClock clock = MutableClock.at(NOW);
        CertBundle leaf =
                ca.issueLeaf("leaf").clock(clock).validFor(Duration.ofDays(1)).build();

        clock.advance(Duration.ofDays(2));

        assertThat(leaf.certificate().getNotAfter().toInstant()).isBefore(clock.instant());
    }

    @Test
    void serial_exactValueIsEncodedAsGiven() {
        BigInteger serial = new BigInteger("00ff00000000000000000000000000000000000001", 16);

        CertBundle leaf = ca.issueLeaf("leaf").serial(serial).build();

        assertThat(leaf.serial()).isEqualTo(serial);
        assertThat(leaf.certificate().getSerialNumber()).isEqualTo(serial);
    }

    @Test
    void serial_defaultIsPositiveWithSixteenContentOctets() {
        for (int i = 0; i < 20; i++) {
            byte[] content = serialContent(ca.issueLeaf("leaf").build().holder());

            assertThat(content).hasSize(16);
            assertThat(content[0] & 0x80).isZero();
            assertThat(content[0]).isNotZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 16, 19, 20})
    void serialOctets_givesExactlyThatManyContentOctetsWithTopBitClear(int octets) {
        for (int i = 0; i < 10; i++) {
            CertBundle leaf = ca.issueLeaf("leaf").serialOctets(octets).build();
            byte[] content = serialContent(leaf.holder());

            assertThat(content).hasSize(octets);
            assertThat(content[0] & 0x80).isZero();
            assertThat(content[0]).isNotZero();
            assertThat(leaf.serial().signum()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16, 20})
    void leaf_serialWithTopBitSetIsPaddedAndRoundTrips(int octets) {
        CertBundle leaf =
                ca.issueLeaf("leaf").serialOctets(octets).serialWithTopBitSet().build();
        byte[] content = serialContent(leaf.holder());

        assertThat(content).hasSize(octets + 1);
        assertThat(content[0]).isZero();
        assertThat(content[1] & 0x80).isEqualTo(0x80);
        assertThat(leaf.serial().signum()).isPositive();
        assertThat(leaf.serial().bitLength()).isEqualTo(8 * octets);
        assertThat(leaf.certificate().getSerialNumber()).isEqualTo(leaf.serial());
    }

    @Test
    void serialOctets_outsideOneToTwentyIsRejected() {
        assertThatThrownBy(() -> ca.issueLeaf("leaf").serialOctets(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueLeaf("leaf").serialOctets(21)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serialOctets_replacesAnEarlierExactSerial() {
        CertBundle leaf =
                ca.issueLeaf("leaf").serial(BigInteger.ONE).serialOctets(4).build();

        assertThat(serialContent(leaf.holder())).hasSize(4);
    }

    @Test
    void keyPair_isCertifiedAsGivenAndItsTypeDerived() {
        KeyPair keys = KeyType.EC_P384.generate();

        CertBundle leaf = ca.issueLeaf("leaf").keyPair(keys).build();

        assertThat(leaf.keyPair()).isSameAs(keys);
        assertThat(leaf.keyType()).isEqualTo(KeyType.EC_P384);
        assertThat(leaf.certificate().getPublicKey().getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void keyType_generatesAFreshKeyOfThatTypeOnEveryBuild() {
        CertBuilder builder = ca.issueLeaf("leaf").keyType(KeyType.ED25519);

        CertBundle first = builder.build();
        CertBundle second = builder.build();

        assertThat(first.keyType()).isEqualTo(KeyType.ED25519);
        assertThat(KeyType.of(first.certificate().getPublicKey())).isEqualTo(KeyType.ED25519);
        assertThat(first.publicKey()).isNotEqualTo(second.publicKey());
    }

    @Test
    void encodedAndChain_describeTheSameCertificates() throws Exception {
        Ca intermediate = ca.issueIntermediate("inter").build();
        CertBundle leaf = intermediate.issueLeaf("leaf").build();

        assertThat(leaf.encoded()).isEqualTo(leaf.certificate().getEncoded());
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate(), ca.certificate());
        assertThat(CertBundle.pem(leaf.certificate()))
                .startsWith("-----BEGIN CERTIFICATE-----")
                .endsWith("-----END CERTIFICATE-----\n");
    }

    private static byte[] serialContent(X509CertificateHolder holder) {
        try {
            byte[] der = holder.toASN1Structure().getSerialNumber().getEncoded();
            assertThat(der[0]).isEqualTo((byte) 0x02);
            assertThat(der[1] & 0x80).as("short-form length").isZero();
            byte[] content = new byte[der[1]];
            System.arraycopy(der, 2, content, 0, content.length);
            return content;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
