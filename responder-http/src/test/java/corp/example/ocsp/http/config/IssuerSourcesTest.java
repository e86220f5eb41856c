package corp.example.ocsp.http.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.http.source.crl.CrlSettings;
import corp.example.ocsp.http.source.index.IndexSettings;
import corp.example.ocsp.http.source.routing.RoutedSettings;
import corp.example.ocsp.store.crl.CrlOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CAs with a source of their own ({@code index:}): when the shared section is needed, and conflicts. */
class IssuerSourcesTest {
    private static final String TWO_CAS = """
            responders:
              - name: r
                issuers:
                  - label: one
                    certificate: one.pem
                    index: one/index.txt
                    signer: {certificate: s.pem, key: s.key}
                  - label: two
                    certificate: two.pem
                    index: /srv/two/index.txt
                    signer: {certificate: s.pem, key: s.key}
            """;

    @TempDir
    Path dir;

    @Test
    void everyCaWithAnIndex_needsNoDatabaseSection() throws Exception {
        ServerConfig c = ConfigFile.load(write(TWO_CAS), Map.of());
        assertThat(c.source()).isInstanceOf(RoutedSettings.class);
        RoutedSettings routed = (RoutedSettings) c.source();
        assertThat(routed.shared()).isEmpty();
        assertThat(routed.own())
                .extracting(o -> ((IndexSettings) o.settings()).file())
                .containsExactly(dir.resolve("one/index.txt"), Path.of("/srv/two/index.txt"));
        assertThat(c.responders().get(0).issuers().get(0).source())
                .contains(new IndexSettings(dir.resolve("one/index.txt")));
    }

    @Test
    void aCaWithoutAnIndex_stillNeedsTheSharedSource() {
        String yaml = TWO_CAS.replace("        index: /srv/two/index.txt\n", "");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(": database.url: is required");
    }

    @Test
    void aCaWithAnIndex_besideTheDatabase_isRoutedBesideIt() throws Exception {
        String yaml = "database:\n  url: jdbc:postgresql://db/ocsp\n"
                + TWO_CAS.replace("        index: /srv/two/index.txt\n", "");
        RoutedSettings routed =
                (RoutedSettings) ConfigFile.load(write(yaml), Map.of()).source();
        assertThat(routed.shared()).isPresent();
        assertThat(routed.own()).extracting(RoutedSettings.OwnSource::label).containsExactly("one");
        assertThat(routed.section()).isEqualTo("database, index");
    }

    @Test
    void theSameCaWithTwoSources_isRefusedNamingBoth() {
        String yaml = TWO_CAS + """
                  - name: again
                    path: /again
                    issuers:
                      - label: one
                        certificate: one.pem
                        index: other/index.txt
                        signer: {certificate: s.pem, key: s.key}
                """;
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(": responders[1].issuers[0]: CA 'one' is configured with another status source in"
                        + " responders[0].issuers[0] (OpenSSL index.txt " + dir.resolve("one/index.txt"));
    }

    @Test
    void aCaWithBothIndexAndCrl_isRefused() {
        String yaml = TWO_CAS.replace("index: one/index.txt", "index: one/index.txt\n        crl: one/ca.crl");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        ": responders[0].issuers[0].index, responders[0].issuers[0].crl: a CA has one status"
                                + " source: give one of index, crl");
    }

    @Test
    void crl_readsItsCompanions_withTheirDefaults_andRefusesAWrongNotOnCrl() throws Exception {
        String yaml =
                TWO_CAS.replace("index: one/index.txt", "crl: http://pki.example/one.crl\n        notOnCrl: good");
        RoutedSettings routed =
                (RoutedSettings) ConfigFile.load(write(yaml), Map.of()).source();
        CrlOptions o = ((CrlSettings) routed.own().get(0).settings()).options();
        assertThat(o)
                .isEqualTo(new CrlOptions(
                        "http://pki.example/one.crl",
                        Optional.empty(),
                        Optional.empty(),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(10),
                        true));
        String file = TWO_CAS.replace("index: one/index.txt", "crl: one/ca.crl\n        deltaCrl: one/delta.crl");
        CrlOptions f = ((CrlSettings)
                        ((RoutedSettings) ConfigFile.load(write(file), Map.of()).source())
                                .own()
                                .get(0)
                                .settings())
                .options();
        assertThat(f.crl()).isEqualTo(dir.resolve("one/ca.crl").toString());
        assertThat(f.deltaCrl()).contains(dir.resolve("one/delta.crl").toString());
        assertThat(f.refresh()).isEqualTo(Duration.ofSeconds(1));
        assertThat(f.notOnCrlGood()).isFalse();
        String wrong = TWO_CAS.replace("index: one/index.txt", "crl: one/ca.crl\n        notOnCrl: revoked");
        assertThatThrownBy(() -> ConfigFile.load(write(wrong), Map.of()))
                .hasMessageContaining("responders[0].issuers[0].notOnCrl: 'revoked' is not one of unknown, good");
        String orphan = TWO_CAS.replace("index: one/index.txt", "index: one/index.txt\n        deltaCrl: d.crl");
        assertThatThrownBy(() -> ConfigFile.load(write(orphan), Map.of()))
                .hasMessageContaining("responders[0].issuers[0].deltaCrl: unknown setting");
    }

    @Test
    void anEmptyIndex_namesTheSetting() {
        String yaml = TWO_CAS.replace("index: one/index.txt", "index: ''");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("responders[0].issuers[0].index");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "responder", ".yaml"), yaml);
    }
}
