package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAdminTest {
    static TestDatabase db;
    static PostgresStore store;
    static StoreAdmin admin;
    static TestCerts.Ca ca;
    static long nextSerial = 100;

    @BeforeAll
    static void setUp() {
        db = PostgresFixture.newDatabase();
        store = StoreTests.migratedStore(db);
        admin = store.admin();
        ca = TestCerts.ca("Admin CA");
        admin.registerIssuer("admin-ca", ca.cert());
    }

    @AfterAll
    static void tearDown() {
        store.close();
        db.close();
    }

    static BigInteger added() {
        BigInteger serial = BigInteger.valueOf(nextSerial++);
        admin.addCertificates("admin-ca", List.of(TestCerts.leaf(ca, serial)));
        return serial;
    }

    @Test
    void registerIssuer_sameCaSameLabelAgainChangesNothing() {
        IssuerRecord again = admin.registerIssuer("admin-ca", ca.cert());

        assertThat(again.label()).isEqualTo("admin-ca");
        assertThat(StoreTests.count(db, "SELECT count(*) FROM issuers WHERE label = 'admin-ca'"))
                .isEqualTo(1);
    }

    @Test
    void registerIssuer_refusesALabelTakenByAnotherCa() {
        assertThatThrownBy(() -> admin.registerIssuer(
                        "admin-ca", TestCerts.ca("Other CA").cert()))
                .isInstanceOf(StoreException.class)
                .hasMessage("issuer label 'admin-ca' is already registered for another CA, CN=Admin CA,O=Store Test");
    }

    @Test
    void registerIssuer_refusesTheSameCaUnderASecondLabel() {
        assertThatThrownBy(() -> admin.registerIssuer("admin-ca-2", ca.cert()))
                .isInstanceOf(StoreException.class)
                .hasMessage("CA CN=Admin CA,O=Store Test is already registered as issuer 'admin-ca'");
    }

    @Test
    void registerIssuer_refusesALeafCertificate() {
        assertThatThrownBy(() -> admin.registerIssuer("leaf", TestCerts.leaf(ca, BigInteger.TEN)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a CA certificate");
    }

    @Test
    void addCertificates_isIdempotent() {
        X509CertificateHolder leaf = TestCerts.leaf(ca, BigInteger.valueOf(777));

        assertThat(admin.addCertificates("admin-ca", List.of(leaf))).isEqualTo(new ImportResult(1, 0, 0, 0));
        assertThat(admin.addCertificates("admin-ca", List.of(leaf))).isEqualTo(new ImportResult(0, 0, 1, 0));
    }

    @Test
    void addCertificates_refusesACertificateNotSignedByTheIssuer() {
        X509CertificateHolder forged = TestCerts.forgedLeaf(ca, BigInteger.valueOf(778));

        assertThatThrownBy(() -> admin.addCertificates("admin-ca", List.of(forged)))
                .isInstanceOf(StoreException.class)
                .hasMessage("certificate serial 030A (CN=forged 778) was not issued by issuer admin-ca"
                        + " (CN=Admin CA,O=Store Test): its signature does not verify with the CA's public key");
        assertThat(store.certificate("admin-ca", BigInteger.valueOf(778))).isEmpty();
    }

    @Test
    void addCertificates_refusesACertificateOfAnotherIssuerAndWritesNoneOfTheBatch() {
        TestCerts.Ca other = TestCerts.ca("Other Issuing CA");
        X509CertificateHolder good = TestCerts.leaf(ca, BigInteger.valueOf(779));
        X509CertificateHolder foreign = TestCerts.leaf(other, BigInteger.valueOf(780));

        assertThatThrownBy(() -> admin.addCertificates("admin-ca", List.of(good, foreign)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("was not issued by issuer admin-ca")
                .hasMessageContaining("its issuer name is CN=Other Issuing CA,O=Store Test");
        assertThat(store.certificate("admin-ca", BigInteger.valueOf(779))).isEmpty();
    }

    @Test
    void addCertificates_refusesAnUnknownIssuerLabel() {
        assertThatThrownBy(() -> admin.addCertificates("no-such-ca", List.of(TestCerts.leaf(ca, BigInteger.ONE))))
                .isInstanceOf(StoreException.class)
                .hasMessage("unknown issuer label 'no-such-ca'; known: admin-ca");
    }

    @Test
    void readCertificates_readsPemBundlesAndDer(@TempDir Path dir) throws Exception {
        X509CertificateHolder a = TestCerts.leaf(ca, BigInteger.valueOf(790));
        X509CertificateHolder b = TestCerts.leaf(ca, BigInteger.valueOf(791));
        Path pem = dir.resolve("bundle.pem");
        Files.writeString(pem, pem(a) + pem(b), StandardCharsets.US_ASCII);
        Path der = dir.resolve("one.der");
        Files.write(der, a.getEncoded());

        assertThat(StoreAdmin.readCertificates(pem)).containsExactly(a, b);
        assertThat(StoreAdmin.readCertificates(der)).containsExactly(a);
        assertThat(admin.addCertificates("admin-ca", StoreAdmin.readCertificates(pem))
                        .inserted())
                .isEqualTo(2);
    }

    @Test
    void revoke_ofAnUnknownSerialIsRefused() {
        assertThatThrownBy(() -> admin.revoke("admin-ca", BigInteger.valueOf(0xABCDEF), Revocation.withoutReason()))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot revoke serial ABCDEF of issuer admin-ca: the store has no certificate with that"
                        + " serial (record it first with cert add or cert import)");
    }

    @Test
    void revoke_defaultsToNowAndRefusesASecondRevocation() {
        BigInteger serial = added();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CertificateRecord r = admin.revoke("admin-ca", serial, Revocation.because(RevocationReason.KEY_COMPROMISE));

        assertThat(r.status())
                .isInstanceOfSatisfying(
                        CertStatus.Revoked.class,
                        rv -> assertThat(rv.revokedAt()).isBetween(before, Instant.now()));
        assertThatThrownBy(() -> admin.revoke("admin-ca", serial, Revocation.because(RevocationReason.SUPERSEDED)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot revoke serial " + SerialNumbers.hex(serial)
                        + " of issuer admin-ca: already revoked at");
    }

    @Test
    void revoke_refusesAFutureTimeAndAnInvalidityDateAfterIt() {
        BigInteger serial = added();
        Instant now = Instant.now();

        assertThatThrownBy(() -> admin.revoke(
                        "admin-ca", serial, Revocation.withoutReason().at(now.plusSeconds(3600))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is in the future");
        assertThatThrownBy(() -> admin.revoke(
                        "admin-ca",
                        serial,
                        Revocation.because(RevocationReason.KEY_COMPROMISE)
                                .at(now.minusSeconds(60))
                                .invalidSince(now)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is after the revocation time");
        assertThat(store.certificate("admin-ca", serial).orElseThrow().status()).isEqualTo(CertStatus.good());
    }

    @Test
    void unrevoke_releasesACertificateOnHold() {
        BigInteger serial = added();
        admin.revoke("admin-ca", serial, Revocation.because(RevocationReason.CERTIFICATE_HOLD));

        CertificateRecord r = admin.unrevoke("admin-ca", serial);

        assertThat(r.status()).isEqualTo(CertStatus.good());
    }

    @Test
    void unrevoke_isRefusedForEveryReasonButCertificateHold() {
        for (RevocationReason reason : RevocationReason.values()) {
            if (reason == RevocationReason.CERTIFICATE_HOLD) {
                continue;
            }
            BigInteger serial = added();
            admin.revoke("admin-ca", serial, Revocation.because(reason));

            assertThatThrownBy(() -> admin.unrevoke("admin-ca", serial))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot unrevoke serial " + SerialNumbers.hex(serial)
                            + " of issuer admin-ca: it is revoked for " + reason.label()
                            + "; only a certificateHold can be released, other revocations are permanent");
            assertThat(store.certificate("admin-ca", serial).orElseThrow().status())
                    .isInstanceOf(CertStatus.Revoked.class);
        }
    }

    @Test
    void unrevoke_ofACertificateNotRevokedIsRefused() {
        BigInteger serial = added();

        assertThatThrownBy(() -> admin.unrevoke("admin-ca", serial))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot unrevoke serial " + SerialNumbers.hex(serial)
                        + " of issuer admin-ca: it is not revoked");
    }

    @Test
    void revoke_fromHoldToKeyCompromiseIsAllowed() {
        BigInteger serial = added();
        admin.revoke("admin-ca", serial, Revocation.because(RevocationReason.CERTIFICATE_HOLD));

        CertificateRecord r = admin.revoke("admin-ca", serial, Revocation.because(RevocationReason.KEY_COMPROMISE));

        assertThat(((CertStatus.Revoked) r.status()).reason()).contains(RevocationReason.KEY_COMPROMISE);
    }

    private static String pem(X509CertificateHolder cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
