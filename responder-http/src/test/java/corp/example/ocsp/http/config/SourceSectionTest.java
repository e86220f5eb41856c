package corp.example.ocsp.http.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.http.source.SourceKind;
import corp.example.ocsp.http.source.SourceKinds;
import corp.example.ocsp.http.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status source section: one is used, two are refused, and its errors name the setting. */
class SourceSectionTest {
    @TempDir
    Path dir;

    @Test
    void twoStatusSourceSections_isOneLineNamingBoth() throws Exception {
        SourceKind cfssl = new SourceKind() {
            @Override
            public String section() {
                return "cfssl";
            }

            @Override
            public SourceSettings read(Section section) {
                throw new AssertionError("not read when two sources are given");
            }
        };
        List<SourceKind> kinds = List.of(SourceKinds.known().get(0), cfssl);
        Path file = write(ConfigTexts.MINIMAL + "cfssl:\n  dbConfig: /etc/cfssl/db-config.json\n");
        assertThatThrownBy(() -> ConfigFile.load(file, Map.of(), kinds))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": database, cfssl: give one status source section, not 2");
        // the shipped kinds (cfssl registered) refuse them the same way, before reading either
        assertThatThrownBy(() -> ConfigFile.load(file, Map.of()))
                .hasMessage(file + ": database, cfssl: give one status source section, not 2");
    }

    @Test
    void noStatusSourceSection_asksForTheDatabaseUrl() {
        String yaml = ConfigTexts.MINIMAL.replace("database:\n  url: jdbc:postgresql://db/ocsp\n", "");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(": database.url: is required");
    }

    @Test
    void notAPostgresUrl_namesTheSetting() {
        String yaml = ConfigTexts.MINIMAL.replace("jdbc:postgresql://db/ocsp", "jdbc:mysql://db/ocsp");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        ": database.url: the JDBC URL jdbc:mysql://db/ocsp is not a jdbc:postgresql: URL");
    }

    private Path write(String yaml) throws IOException {
        return ConfigTexts.write(dir, yaml);
    }
}
