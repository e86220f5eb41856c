package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every admin write leaves one audit row in its own transaction; failures never leave one saying ok. */
class AuditTrailTest {
    private TestDatabase db;
    private PostgresStore store;
    private StoreAdmin admin;
    private final TestCerts.Ca ca = TestCerts.ca("Audit CA");

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        store = StoreTests.migratedStore(db);
        admin = store.admin();
    }

    @AfterEach
    void tearDown() {
        store.close();
        db.close();
    }

    private List<AuditRecord> all() {
        return admin.auditTrail(Optional.empty(), Optional.empty());
    }

    @Test
    void everyAdminWrite_appendsARow_sayingWhatWhoAndOk() {
        admin.registerIssuer("audit-ca", ca.cert());
        admin.addCertificates("audit-ca", List.of(TestCerts.leaf(ca, BigInteger.ONE)));
        admin.importIndexTxt("audit-ca", new StringReader("V\t301231235959Z\t\t02\tunknown\t/CN=two\n"), "index.txt");
        admin.revoke("audit-ca", BigInteger.TWO, Revocation.because(RevocationReason.CERTIFICATE_HOLD));
        admin.unrevoke("audit-ca", BigInteger.TWO);

        List<AuditRecord> rows = all();
        assertThat(rows)
                .extracting(AuditRecord::command)
                .containsExactly("issuer add", "cert add", "cert import", "revoke", "unrevoke");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.error()).isEmpty();
            assertThat(r.issuer()).contains("audit-ca");
            assertThat(r.osUser()).isEqualTo(System.getProperty("user.name"));
            assertThat(r.dbUser()).isEqualTo(db.user());
            assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(r.host()).isNotBlank();
        });
        assertThat(rows.get(0).detail()).isEqualTo("CN=Audit CA,O=Store Test");
        assertThat(rows.get(1).serial()).contains(BigInteger.ONE);
        assertThat(rows.get(1).detail()).isEqualTo("1 added, 0 updated, 0 unchanged");
        assertThat(rows.get(2).serial()).isEmpty();
        assertThat(rows.get(2).detail()).isEqualTo("index.txt 1 added, 0 updated, 0 unchanged");
        assertThat(rows.get(3).serial()).contains(BigInteger.TWO);
        assertThat(rows.get(3).detail()).startsWith("certificateHold at ");
        assertThat(rows.get(4).toString())
                .matches("\\S+ unrevoke audit-ca serial 02: ok \\(os .+, db " + db.user() + ", host .+, pid \\d+.*\\)");
    }

    @Test
    void failedWrite_isRecordedAsFailed_andNoRowSaysOk() {
        admin.registerIssuer("audit-ca", ca.cert());
        assertThatThrownBy(() -> admin.revoke("audit-ca", BigInteger.TEN, Revocation.withoutReason()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no certificate with that serial");
        assertThatThrownBy(() -> admin.importIndexTxt(
                        "audit-ca",
                        new StringReader("V\t301231235959Z\t\t02\tunknown\t/CN=two\nbad line\n"),
                        "bad.txt"))
                .isInstanceOf(StoreException.class);

        List<AuditRecord> rows = all();
        assertThat(rows).extracting(AuditRecord::command).containsExactly("issuer add", "revoke", "cert import");
        assertThat(rows.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).isPresent();
        });
        assertThat(rows.get(1).error().orElseThrow()).contains("no certificate with that serial");
        assertThat(rows.get(2).error().orElseThrow()).contains("bad.txt line 2");
        assertThat(StoreTests.count(db, "SELECT count(*) FROM certificates")).isZero();
    }

    @Test
    void writeRolledBackAtCommit_leavesNoOkRow() {
        admin.registerIssuer("audit-ca", ca.cert());
        admin.addCertificates("audit-ca", List.of(TestCerts.leaf(ca, BigInteger.ONE)));
        // a check that fails only at commit, after the revocation and its audit row were written
        StoreTests.sql(
                db,
                "CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN RAISE EXCEPTION 'refused at commit'; END $$");
        StoreTests.sql(
                db,
                "CREATE CONSTRAINT TRIGGER fail_at_commit AFTER UPDATE ON certificates"
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_at_commit()");

        assertThatThrownBy(() -> admin.revoke("audit-ca", BigInteger.ONE, Revocation.withoutReason()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("refused at commit");

        List<AuditRecord> revokes =
                all().stream().filter(r -> r.command().equals("revoke")).toList();
        assertThat(revokes).hasSize(1);
        assertThat(revokes.get(0).ok()).isFalse();
        assertThat(revokes.get(0).error().orElseThrow()).contains("refused at commit");
        assertThat(StoreTests.count(db, "SELECT count(*) FROM certificates WHERE status = 'revoked'"))
                .isZero();
    }

    @Test
    void theTrailIsAppendOnly_evenForTheTablesOwner() {
        admin.registerIssuer("audit-ca", ca.cert());
        for (String sql : List.of(
                "UPDATE audit_log SET outcome = 'failed', error = 'x'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log")) {
            assertThatThrownBy(() -> StoreTests.sql(db, sql)).as(sql).hasMessageContaining("audit_log is append-only");
        }
        assertThat(all()).hasSize(1).allMatch(AuditRecord::ok);
    }

    @Test
    void list_filtersBySinceAndSerial() {
        admin.registerIssuer("audit-ca", ca.cert());
        admin.addCertificates(
                "audit-ca", List.of(TestCerts.leaf(ca, BigInteger.ONE), TestCerts.leaf(ca, BigInteger.TWO)));
        Instant between = all().get(1).at().plusNanos(1000);
        admin.revoke("audit-ca", BigInteger.ONE, Revocation.because(RevocationReason.KEY_COMPROMISE));
        admin.revoke("audit-ca", BigInteger.TWO, Revocation.because(RevocationReason.SUPERSEDED));

        assertThat(admin.auditTrail(Optional.empty(), Optional.of(BigInteger.ONE)))
                .extracting(AuditRecord::command, AuditRecord::detail)
                .singleElement()
                .satisfies(t -> assertThat(t.toList().get(1).toString()).startsWith("keyCompromise at "));
        assertThat(admin.auditTrail(Optional.of(between), Optional.empty()))
                .extracting(AuditRecord::serial)
                .containsExactly(Optional.of(BigInteger.ONE), Optional.of(BigInteger.TWO));
    }
}
