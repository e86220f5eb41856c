package corp.example.ocsp.core.request;

import corp.example.ocsp.testing.ocsp.FuzzCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes the seed corpus of {@link RequestParserFuzzTest}: every request of {@link FuzzCorpus}
 * (valid shapes, CertIDs of CAs not served, malformed ones), one file each, directly in
 * {@code RequestParserFuzzTestInputs} where both fuzz tests read them. Files in its
 * subdirectories (inputs that once failed a test) are left alone. Not part of the normal test run
 * (its name does not end in Test); rerun it after changing {@link FuzzCorpus} and commit the result:
 *
 * <pre>
 * ./mvnw -B -q -pl responder-core -am test -Dtest=RequestParserFuzzSeeds -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class RequestParserFuzzSeeds {
    static final Path DIR = Path.of("src/test/resources/corp/example/ocsp/core/request/RequestParserFuzzTestInputs");

    @Test
    void write() throws IOException {
        FuzzCorpus.Pki pki = FuzzCorpus.Pki.create();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        FuzzCorpus.validRequests(pki).forEach((name, der) -> seeds.put("valid-" + name, der));
        FuzzCorpus.foreignRequests(pki).forEach((name, der) -> seeds.put("foreign-" + name, der));
        FuzzCorpus.malformedRequests(pki).forEach((name, der) -> seeds.put("bad-" + name, der));
        FuzzCorpus.writeSeeds(DIR, seeds);
    }
}
