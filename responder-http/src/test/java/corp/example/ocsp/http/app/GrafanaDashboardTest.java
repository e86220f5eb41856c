package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboard ({@code config/grafana/ocsp-responder.dashboard.json}) loads, and
 * every metric its queries use is one a running responder exposes.
 */
class GrafanaDashboardTest {
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    @TempDir
    Path dir;

    @Test
    void everyMetricTheDashboardQueries_isOneTheRespondersMetricsEndpointExposes() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(Files.readString(PromQl.repoFile("config/grafana/ocsp-responder.dashboard.json")));
        Set<String> queried = new TreeSet<>();
        int panels = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            panels++;
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                queried.addAll(PromQl.metricsIn(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("query").asText());
            while (m.find()) {
                queried.add(m.group(1));
            }
        }
        assertThat(panels).isGreaterThanOrEqualTo(10);
        assertThat(queried)
                .contains(
                        "ocsp_requests_seconds_count",
                        "ocsp_cache_hits_total",
                        "ocsp_store_lookup_errors_total",
                        "jvm_gc_pause_seconds_sum");

        try (ResponderApp app = ResponderApp.start(
                WiringConfig.write(dir, new FeedlessSource(), CacheSettings.disabled(), "127.0.0.1:0"),
                Clock.systemUTC())) {
            // Micrometer registers the GC pause timer at the first collection it is told of
            System.gc();
            Set<String> exposed = Await.until(
                    Duration.ofSeconds(30),
                    "a scrape with every metric the dashboard queries",
                    () -> PromQl.exposedNames(FirstScrapeTest.scrape(app)),
                    names -> names.containsAll(queried));
            assertThat(exposed).containsAll(queried);
        }
    }
}
