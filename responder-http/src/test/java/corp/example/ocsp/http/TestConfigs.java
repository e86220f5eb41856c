package corp.example.ocsp.http;

import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files for end-to-end tests. */
public final class TestConfigs {
    private TestConfigs() {}

    /**
     * Writes DIR/responder.yaml: {@code db}, the admin listener and one responder "issuing" on
     * loopback ports chosen by the system, answering for issuing-ca.pem with responder.pem/.key from
     * DIR. {@code databaseExtra} adds lines to the database mapping (two-space indented).
     */
    public static Path issuingResponder(Path dir, TestDatabase db, String databaseExtra) throws IOException {
        return issuingResponder(dir, db, databaseExtra, "");
    }

    /**
     * As {@link #issuingResponder(Path, TestDatabase, String)}, with {@code sections} (top-level
     * mappings such as {@code cache:} or {@code server:}, each with its two-space indented lines)
     * written after the database mapping. The cache has its persistent store in DIR/store, as the
     * demo's has, so every end-to-end test (the soak too) runs with it.
     */
    public static Path issuingResponder(Path dir, TestDatabase db, String databaseExtra, String sections)
            throws IOException {
        String store = "cache:\n  storeDirectory: store\n";
        sections = sections.contains("cache:\n") ? sections.replaceFirst("cache:\n", store) : store + sections;
        return Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: %s
                  user: %s
                  password: '%s'
                %s%sadmin:
                  listen: 127.0.0.1:0
                responders:
                  - name: issuing
                    listen: 127.0.0.1:0
                    issuers:
                      - label: issuing-ca
                        certificate: issuing-ca.pem
                        signer:
                          certificate: responder.pem
                          key: responder.key
                """.formatted(
                        db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password(), databaseExtra, sections));
    }
}
