package corp.example.ocsp.store.cfssl;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every certdb shape answers, whatever the database: the rows CFSSL writes and the SQL an
 * operator may run. A subclass gives the database, its DDL and whether AKIs are recorded (1.3+) or
 * empty (1.2).
 */
abstract class CertdbContract {
    static final Ca ROOT = TestPki.newRoot("CFSSL Test Root").build();
    static final Ca OTHER = TestPki.newRoot("CFSSL Other Root").build();
    static final Issuer ISSUER = Issuer.of("root", ROOT.holder());
    static final Issuer OTHER_ISSUER = Issuer.of("other", OTHER.holder());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A connection that writes as CFSSL does (text parameters), autocommit. */
    abstract Connection writer() throws Exception;

    abstract Certdb certdb();

    /** False for the 1.2 shape, where CFSSL recorded every AKI as ''. */
    abstract boolean recordsAki();

    /** How the database takes time literals. */
    CertdbTables.Times times() {
        return CertdbTables.Times.WITH_OFFSET;
    }

    String akiOf(CertBundle leaf) {
        return recordsAki() ? CertdbTables.aki(leaf) : "";
    }

    CertBundle issue(Ca ca, BigInteger serial) throws Exception {
        CertBundle leaf = ca.issueLeaf("leaf " + serial).serial(serial).build();
        try (Connection c = writer()) {
            CertdbTables.insert(c, leaf, akiOf(leaf), times());
        }
        return leaf;
    }

    CertBundle issue() throws Exception {
        return issue(ROOT, new BigInteger(159, RANDOM));
    }

    void sql(CertBundle leaf, String set) throws Exception {
        try (Connection c = writer()) {
            CertdbTables.update(c, leaf, set);
        }
    }

    @Test
    void issuedCertificate_isGood() throws Exception {
        CertBundle leaf = issue();
        assertThat(certdb().lookup(ISSUER, leaf.serial())).isEqualTo(CertStatus.good());
    }

    @Test
    void cfsslRevoke_isRevokedAtTheCommitWithItsReason() throws Exception {
        CertBundle leaf = issue();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = writer()) {
            assertThat(CertdbTables.revoke(c, leaf, akiOf(leaf), 1)).isEqualTo(1);
        }
        Instant after = Instant.now();
        CertStatus status = certdb().lookup(ISSUER, leaf.serial());
        assertThat(status).isInstanceOf(CertStatus.Revoked.class);
        CertStatus.Revoked r = (CertStatus.Revoked) status;
        assertThat(r.reason()).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(r.revokedAt()).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    }

    @Test
    void revokedAtInThePast_isRevokedAtThatTime() throws Exception {
        CertBundle leaf = issue();
        sql(leaf, "status = 'revoked', reason = 4, revoked_at = " + times().literal("2020-01-02 03:04:05"));
        assertThat(certdb().lookup(ISSUER, leaf.serial()))
                .isEqualTo(CertStatus.revoked(Instant.parse("2020-01-02T03:04:05Z"), RevocationReason.SUPERSEDED));
    }

    @Test
    void rowSetBackToGood_isGoodAgain() throws Exception {
        CertBundle leaf = issue();
        try (Connection c = writer()) {
            CertdbTables.revoke(c, leaf, akiOf(leaf), 6);
        }
        assertThat(certdb().lookup(ISSUER, leaf.serial())).isInstanceOf(CertStatus.Revoked.class);
        sql(leaf, "status = 'good', reason = 0, revoked_at = " + times().zero());
        assertThat(certdb().lookup(ISSUER, leaf.serial())).isEqualTo(CertStatus.good());
    }

    @Test
    void deletedRow_isNotKnown() throws Exception {
        CertBundle leaf = issue();
        try (Connection c = writer();
                PreparedStatement ps = c.prepareStatement("DELETE FROM certificates WHERE serial_number = ?")) {
            ps.setString(1, leaf.serial().toString());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(certdb().lookup(ISSUER, leaf.serial())).isEqualTo(CertStatus.notKnown());
    }

    @Test
    void reasonSeven_isRevokedWithNoReason() throws Exception {
        CertBundle leaf = issue();
        try (Connection c = writer()) {
            CertdbTables.revoke(c, leaf, akiOf(leaf), 7);
        }
        CertStatus status = certdb().lookup(ISSUER, leaf.serial());
        assertThat(status).isInstanceOf(CertStatus.Revoked.class);
        assertThat(((CertStatus.Revoked) status).reason()).isEmpty();
    }

    @Test
    void reasonZero_isRevokedWithNoReason_asCfsslOcspsignEncodesIt() throws Exception {
        CertBundle leaf = issue();
        try (Connection c = writer()) {
            CertdbTables.revoke(c, leaf, akiOf(leaf), 0);
        }
        assertThat(((CertStatus.Revoked) certdb().lookup(ISSUER, leaf.serial())).reason())
                .isEmpty();
    }

    @Test
    void zeroRevokedAt_isRevokedAtTheCertificatesNotBefore() throws Exception {
        CertBundle leaf = issue();
        sql(leaf, "status = 'revoked', reason = 1"); // revoked_at stays CFSSL's zero time
        Instant notBefore = leaf.certificate().getNotBefore().toInstant();
        assertThat(certdb().lookup(ISSUER, leaf.serial()))
                .isEqualTo(CertStatus.revoked(notBefore, RevocationReason.KEY_COMPROMISE));
        sql(leaf, "revoked_at = NULL");
        assertThat(certdb().lookup(ISSUER, leaf.serial()))
                .isEqualTo(CertStatus.revoked(notBefore, RevocationReason.KEY_COMPROMISE));
    }

    @Test
    void statusNeitherGoodNorRevoked_isNotKnown() throws Exception {
        CertBundle leaf = issue();
        sql(leaf, "status = 'hold'");
        assertThat(certdb().lookup(ISSUER, leaf.serial())).isEqualTo(CertStatus.notKnown());
    }

    @Test
    void serialWithoutRow_isNotKnown() throws Exception {
        issue();
        assertThat(certdb().lookup(ISSUER, new BigInteger(159, RANDOM))).isEqualTo(CertStatus.notKnown());
    }

    @Test
    void twoCasInOneCertdb_eachIsAnsweredFromItsOwnRow() throws Exception {
        BigInteger serial = new BigInteger(159, RANDOM);
        CertBundle mine = issue(ROOT, serial);
        // 1.3+: the same serial under another CA is another row; 1.2 (AKI '' for all): one row per serial
        CertBundle theirs = issue(OTHER, recordsAki() ? serial : new BigInteger(159, RANDOM));
        try (Connection c = writer()) {
            CertdbTables.revoke(c, theirs, akiOf(theirs), 1);
        }
        assertThat(certdb().lookup(ISSUER, mine.serial())).isEqualTo(CertStatus.good());
        assertThat(certdb().lookup(OTHER_ISSUER, theirs.serial())).isInstanceOf(CertStatus.Revoked.class);
        if (!recordsAki()) { // told apart by who signed the PEM
            assertThat(certdb().lookup(OTHER_ISSUER, mine.serial())).isEqualTo(CertStatus.notKnown());
            assertThat(certdb().lookup(ISSUER, theirs.serial())).isEqualTo(CertStatus.notKnown());
        }
    }

    @Test
    void akiInUpperCase_isStillTheCas() throws Exception {
        CertBundle leaf = ROOT.issueLeaf("upper").build();
        try (Connection c = writer()) {
            CertdbTables.insert(c, leaf, akiOf(leaf).toUpperCase(java.util.Locale.ROOT), times());
        }
        assertThat(certdb().lookup(ISSUER, leaf.serial())).isEqualTo(CertStatus.good());
        assertThat(certdb().lookup(OTHER_ISSUER, leaf.serial())).isEqualTo(CertStatus.notKnown());
    }

    @Test
    void row_showsTheColumnsAsCfsslHoldsThem() throws Exception {
        CertBundle leaf = issue();
        try (Connection c = writer()) {
            CertdbTables.revoke(c, leaf, akiOf(leaf), 5);
        }
        Optional<CertdbRow> row = certdb().row(ISSUER, leaf.serial());
        assertThat(row).isPresent();
        assertThat(row.get().status()).isEqualTo("revoked");
        assertThat(row.get().reason()).isEqualTo(5);
        assertThat(row.get().authorityKeyIdentifier()).isEqualTo(akiOf(leaf));
        assertThat(row.get().describe())
                .contains("status=revoked reason=5")
                .contains("serial_number=" + row.get().serialNumber());
        if (recordsAki()) { // the 1.2 SQLite schema holds the serial as a REAL number
            assertThat(row.get().serialNumber()).isEqualTo(leaf.serial().toString());
        }
        assertThat(certdb().row(OTHER_ISSUER, leaf.serial())).isEmpty();
    }

    @Test
    void census_countsTheRowsOfEachConfiguredCa_andNamesTheRowsOfNoConfiguredCa() throws Exception {
        CertdbCensus before = certdb().census(java.util.List.of(ISSUER));
        issue();
        issue();
        CertBundle foreign = issue(OTHER, new BigInteger(159, RANDOM));

        CertdbCensus after = certdb().census(java.util.List.of(ISSUER));

        assertThat(after.held().get(ISSUER) - before.held().get(ISSUER)).isEqualTo(2);
        java.util.Map<String, Long> unknown = recordsAki() ? after.unknownAkis() : after.unknownPemIssuer();
        java.util.Map<String, Long> unknownBefore = recordsAki() ? before.unknownAkis() : before.unknownPemIssuer();
        String key = recordsAki()
                ? CertdbTables.aki(foreign)
                : foreign.holder().getIssuer().toString();
        assertThat(unknown.get(key) - unknownBefore.getOrDefault(key, 0L)).isEqualTo(1);
    }

    @Test
    void reachableCertdb_passesTheReadinessCheck() {
        certdb().check();
    }

    static Duration timeout() {
        return Duration.ofSeconds(2);
    }
}
