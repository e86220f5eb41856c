package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import corp.example.ocsp.core.cache.CacheSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the shipped alert rules ({@code config/prometheus/ocsp-responder.rules.yml}) query
 * is one a running responder exposes, so no alert silently watches a series that never exists.
 * (promtool checks their syntax and behaviour: {@code scripts/check-prometheus-rules}.)
 */
class AlertRulesTest {

    @TempDir
    Path dir;

    @Test
    void everyMetricTheRulesQuery_isOneTheRespondersMetricsEndpointExposes() throws Exception {
        Set<String> queried = metricsQueriedBy(PromQl.repoFile("config/prometheus/ocsp-responder.rules.yml"));
        assertThat(queried).as("the rules name metrics").contains("ocsp_ready", "ocsp_cache_expired_total");

        Set<String> exposed;
        try (ResponderApp app = ResponderApp.start(
                WiringConfig.write(dir, new FeedlessSource(), CacheSettings.disabled(), "127.0.0.1:0"),
                Clock.systemUTC())) {
            exposed = PromQl.exposedNames(FirstScrapeTest.scrape(app));
        }

        queried.removeAll(PromQl.PROMETHEUS_OWN);
        assertThat(exposed).as("metrics of a running responder").containsAll(queried);
    }

    @Test
    void metricNamesAreFoundInAnExpression_notFunctionsLabelsOrDurations() {
        assertThat(PromQl.metricsIn(
                        "sum by (job, instance) (rate(a_total{outcome=\"x\"}[5m])) / on (job) b > 0.5 * 86400"))
                .containsExactlyInAnyOrder("a_total", "b");
        assertThat(PromQl.metricsIn("x == 0 and y > 1800")).containsExactlyInAnyOrder("x", "y");
    }

    static Set<String> metricsQueriedBy(Path rules) throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(rules));
        Set<String> names = new TreeSet<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                names.addAll(PromQl.metricsIn(rule.path("expr").asText()));
            }
        }
        return names;
    }
}
