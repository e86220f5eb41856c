package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import corp.example.ocsp.http.server.AccessLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The shipped production logging ({@code config/logback.xml}) with {@code OCSP_LOG_FORMAT=json}, and as text. */
class JsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LoggerContext shippedConfig(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("OCSP_LOG_DIR", dir.toString());
        context.putProperty("OCSP_LOG_FORMAT", format);
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(PromQl.repoFile("config/logback.xml").toFile());
        context.start();
        return context;
    }

    private static void logSome(LoggerContext context) {
        Logger app = context.getLogger("corp.example.ocsp.http.app.ResponderApp");
        app.info("responder {}: listening on {}", "issuing", "127.0.0.1:9401");
        app.warn("status store unreachable: \"connection refused\"\nretrying", new IllegalStateException("boom"));
        app.atInfo().addKeyValue("responder", "issuing").log("cache filled");
        context.getLogger(AccessLog.LOGGER)
                .info(AccessLog.MESSAGE, "127.0.0.1:5555", "POST", "0A1B", "good cached", 200, 1523, 0.25, "issuing");
        context.getLogger(AccessLog.LOGGER)
                .info(AccessLog.MESSAGE, "127.0.0.1:5556", "GET", "-", "404 no responder", 404, 0, 0.05, "-");
    }

    private static List<JsonNode> parsedLines(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).isNotEmpty();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.isObject()).as(line).isTrue();
            assertThat(n.path("time").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(n.path("level").asText()).as(line).isIn("INFO", "WARN", "ERROR", "DEBUG");
            assertThat(n.path("logger").asText()).as(line).isNotEmpty();
            assertThat(n.path("message").asText()).as(line).isNotEmpty();
            nodes.add(n);
        }
        return nodes;
    }

    @Test
    void json_everyLineOfBothLogsParses_andCarriesTheFieldsThatMatter() throws Exception {
        LoggerContext context = shippedConfig("json");
        logSome(context);
        context.stop();

        List<JsonNode> app = parsedLines(dir.resolve("responder.log"));
        assertThat(app).hasSize(3);
        assertThat(app.get(0).path("message").asText()).isEqualTo("responder issuing: listening on 127.0.0.1:9401");
        assertThat(app.get(0).path("logger").asText()).isEqualTo("corp.example.ocsp.http.app.ResponderApp");
        assertThat(app.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(app.get(1).path("message").asText())
                .isEqualTo("status store unreachable: \"connection refused\"\nretrying");
        assertThat(app.get(1).path("exception").asText()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(app.get(2).path("responder").asText()).isEqualTo("issuing");

        List<JsonNode> access = parsedLines(dir.resolve("access.log"));
        assertThat(access).hasSize(2);
        JsonNode hit = access.get(0);
        assertThat(hit.path("responder").asText()).isEqualTo("issuing");
        assertThat(hit.path("serial").asText()).isEqualTo("0A1B");
        assertThat(hit.path("outcome").asText()).isEqualTo("good cached");
        assertThat(hit.path("status").asInt()).isEqualTo(200);
        assertThat(hit.path("bytes").asInt()).isEqualTo(1523);
        assertThat(hit.path("duration_ms").asDouble()).isEqualTo(0.25);
        assertThat(hit.path("method").asText()).isEqualTo("POST");
        assertThat(hit.path("client").asText()).isEqualTo("127.0.0.1:5555");
        assertThat(hit.path("message").asText())
                .isEqualTo("127.0.0.1:5555 POST serial=0A1B answer=good cached status=200 bytes=1523 ms=0.25");
        assertThat(access.get(1).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void jsonFromTheConfigurationFile_switchesBothLogsFromTheNextLine() throws Exception {
        LoggerContext context = shippedConfig("text");
        context.getLogger("corp.example.ocsp.http.cli.Main").info("before the configuration was read");

        assertThat(LogFormat.use(context, "json")).isEqualTo(2); // the application log and the access log
        logSome(context);
        context.stop();

        List<String> app = Files.readAllLines(dir.resolve("responder.log"));
        assertThat(app.get(0)).endsWith("before the configuration was read").doesNotStartWith("{");
        Files.write(dir.resolve("after.log"), app.subList(1, app.size()));
        assertThat(parsedLines(dir.resolve("after.log"))).hasSize(3);
        assertThat(parsedLines(dir.resolve("access.log")))
                .extracting(n -> n.path("serial").asText())
                .containsExactly("0A1B", "-");
    }

    @Test
    void text_staysTheDefaultReadableFormat() throws Exception {
        LoggerContext context = shippedConfig("text");
        logSome(context);
        context.stop();

        List<String> app = Files.readAllLines(dir.resolve("responder.log"));
        assertThat(app.get(0))
                .matches("\\S+Z INFO  \\[main] \\S*ResponderApp - responder issuing: listening on 127.0.0.1:9401");
        assertThat(Files.readAllLines(dir.resolve("access.log")).get(0))
                .endsWith(" 127.0.0.1:5555 POST serial=0A1B answer=good cached status=200 bytes=1523 ms=0.25");
    }

    @Test
    void unknownFormat_isNamedInLogbacksStatus_andLogsAsText() throws Exception {
        LoggerContext context = shippedConfig("xml");
        logSome(context);
        context.stop();

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .extracting(ch.qos.logback.core.status.Status::getMessage)
                .contains("log format 'xml' (OCSP_LOG_FORMAT): use text or json; logging as text");
        assertThat(Files.readAllLines(dir.resolve("responder.log")).get(0)).doesNotStartWith("{");
    }
}
