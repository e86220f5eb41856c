package corp.example.ocsp.http.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logging.format}: the file's choice, unless the environment already chose. */
class LoggingSectionTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return ConfigTexts.write(dir, yaml);
    }

    @Test
    void jsonInTheFile_isTheLogFormat() throws Exception {
        Path file = write(ConfigTexts.MINIMAL + "logging:\n  format: JSON\n");
        assertThat(ConfigFile.load(file, Map.of()).logFormat()).hasValue("json");
    }

    @Test
    void noLoggingSection_leavesLoggingAsConfigured() throws Exception {
        assertThat(ConfigFile.load(write(ConfigTexts.MINIMAL), Map.of()).logFormat())
                .isEmpty();
    }

    @Test
    void theEnvironmentVariable_winsOverTheFile() throws Exception {
        Path file = write(ConfigTexts.MINIMAL + "logging:\n  format: json\n");
        assertThat(ConfigFile.load(file, Map.of("OCSP_LOG_FORMAT", "text")).logFormat())
                .isEmpty();
    }

    @Test
    void anUnknownFormat_isOneLineNamingTheSetting() throws Exception {
        Path file = write(ConfigTexts.MINIMAL + "logging:\n  format: xml\n");
        assertThatThrownBy(() -> ConfigFile.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": logging.format: 'xml' is not a log format; use text or json");
    }

    @Test
    void anUnknownLoggingSetting_isRefused() throws Exception {
        Path file = write(ConfigTexts.MINIMAL + "logging:\n  level: debug\n");
        assertThatThrownBy(() -> ConfigFile.load(file, Map.of()))
                .hasMessageStartingWith(file + ": logging.level: unknown setting");
    }
}
