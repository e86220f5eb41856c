package corp.example.ocsp.http.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files for the tests of one section: the least a file needs, and writing one. */
final class ConfigTexts {
    /** A PostgreSQL source and one responder with one CA: add a section to test it. */
    static final String MINIMAL = """
            database:
              url: jdbc:postgresql://db/ocsp
            responders:
              - name: r
                issuers:
                  - label: ca
                    certificate: ca.pem
                    signer:
                      certificate: s.pem
                      key: s.key
            """;

    private ConfigTexts() {}

    /** Writes {@code yaml} to a new file in {@code dir}. */
    static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "responder", ".yaml"), yaml);
    }
}
