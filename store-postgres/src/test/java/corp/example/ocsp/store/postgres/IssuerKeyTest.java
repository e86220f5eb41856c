package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The migration derives {@code issuers.issuer_key} in SQL from the stored SHA-256 hashes; the
 * change feed's NOTIFY payload carries it and the feed finds the issuer by it. It must be {@link
 * Issuer#id()} exactly, whatever the CA's key type (the key hash is over the subjectPublicKey bits,
 * which differ in shape for RSA, EC and EdDSA keys).
 */
class IssuerKeyTest {
    static TestDatabase db;
    static PostgresStore store;

    @BeforeAll
    static void setUp() {
        db = PostgresFixture.newDatabase();
        store = StoreTests.migratedStore(db);
    }

    @AfterAll
    static void tearDown() {
        store.close();
        db.close();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void issuerKeyInTheDatabase_isTheIssuersId(KeyType type) throws Exception {
        Ca root = TestPki.newRoot("Key Root " + type).keyType(type).build();
        Ca intermediate =
                root.issueIntermediate("Key Intermediate " + type).keyType(type).build();
        for (Ca ca : List.of(root, intermediate)) {
            String label =
                    (ca == root ? "root-" : "intermediate-") + type.name().toLowerCase(Locale.ROOT);
            Issuer issuer = Issuer.of(label, ca.holder());

            store.admin().registerIssuer(label, ca.holder());

            try (Connection c = db.connect();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT issuer_key, sha256_name_hash, sha256_key_hash FROM issuers WHERE label = ?")) {
                ps.setString(1, label);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("%s registered", label).isTrue();
                    assertThat(rs.getString("issuer_key"))
                            .as("issuer_key of %s", label)
                            .isEqualTo(issuer.id());
                    assertThat(rs.getBytes("sha256_name_hash")).isEqualTo(issuer.nameHash(HashAlgorithm.SHA256));
                    assertThat(rs.getBytes("sha256_key_hash")).isEqualTo(issuer.keyHash(HashAlgorithm.SHA256));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void changeNotification_namesTheIssuerById(KeyType type) throws Exception {
        Ca ca = TestPki.newRoot("Notify Root " + type).keyType(type).build();
        CertBundle leaf = ca.issueLeaf("leaf.notify.example").build();
        String label = "notify-" + type.name().toLowerCase(Locale.ROOT);
        store.admin().registerIssuer(label, ca.holder());

        try (Connection listener = db.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + ChangeFeed.CHANNEL);
            }
            store.admin().addCertificates(label, List.of(leaf.holder()));

            List<String> payloads = new ArrayList<>();
            PGNotification[] notes = listener.unwrap(PGConnection.class).getNotifications(10_000);
            for (PGNotification n : notes == null ? new PGNotification[0] : notes) {
                payloads.add(n.getParameter());
            }
            assertThat(payloads)
                    .as("notifications of adding %s's leaf", label)
                    .contains(Issuer.of(label, ca.holder()).id() + ":"
                            + HexFormat.of().formatHex(SerialColumn.encode(leaf.serial())));
        }
    }
}
