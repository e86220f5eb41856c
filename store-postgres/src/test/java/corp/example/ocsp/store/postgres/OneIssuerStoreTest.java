package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import org.junit.jupiter.api.AfterAll;

/**
 * Tests on a fresh database with a migrated store and one registered CA. A subclass opens them in
 * its {@code @BeforeAll} with {@link #open}; they are closed after the class.
 */
abstract class OneIssuerStoreTest {
    static TestDatabase db;
    static PostgresStore store;
    static TestCerts.Ca ca;
    static Issuer issuer;

    /** A new database and store with a CA named {@code caName} registered as {@code label}. */
    static void open(String label, String caName) {
        db = PostgresFixture.newDatabase();
        store = StoreTests.migratedStore(db);
        ca = TestCerts.ca(caName);
        store.admin().registerIssuer(label, ca.cert());
        issuer = Issuer.of(label, ca.cert());
    }

    @AfterAll
    static void closeStore() {
        store.close();
        db.close();
    }
}
