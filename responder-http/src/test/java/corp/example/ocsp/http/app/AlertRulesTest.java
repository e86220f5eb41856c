package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import corp.example.ocsp.core.cache.CacheSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the shipped alert rules ({@code config/prometheus/ocsp-responder.rules.yml}) query
 * is one a running responder exposes, so no alert silently watches a series that never exists.
 * (promtool checks their syntax and behaviour: {@code scripts/check-prometheus-rules}.)
 */
class AlertRulesTest {
    /** Series Prometheus makes itself for each scrape target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @TempDir
    Path dir;

    @Test
    void everyMetricTheRulesQuery_isOneTheRespondersMetricsEndpointExposes() throws Exception {
        Set<String> queried = metricsQueriedBy(repoFile("config/prometheus/ocsp-responder.rules.yml"));
        assertThat(queried).as("the rules name metrics").contains("ocsp_ready", "ocsp_cache_expired_total");

        Set<String> exposed;
        try (ResponderApp app = ResponderApp.start(
                WiringConfig.write(dir, new FeedlessSource(), CacheSettings.disabled(), "127.0.0.1:0"),
                Clock.systemUTC())) {
            exposed = exposedNames(FirstScrapeTest.scrape(app));
        }

        queried.removeAll(PROMETHEUS_OWN);
        assertThat(exposed).as("metrics of a running responder").containsAll(queried);
    }

    @Test
    void metricNamesAreFoundInAnExpression_notFunctionsLabelsOrDurations() {
        assertThat(metricsIn("sum by (job, instance) (rate(a_total{outcome=\"x\"}[5m])) / on (job) b > 0.5 * 86400"))
                .containsExactlyInAnyOrder("a_total", "b");
        assertThat(metricsIn("x == 0 and y > 1800")).containsExactlyInAnyOrder("x", "y");
    }

    static Set<String> metricsQueriedBy(Path rules) throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(rules));
        Set<String> names = new TreeSet<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                names.addAll(metricsIn(rule.path("expr").asText()));
            }
        }
        return names;
    }

    /** The metric names in a PromQL expression: identifiers that are not functions, keywords or labels. */
    static Set<String> metricsIn(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // range durations
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean function = bare.substring(m.end()).stripLeading().startsWith("(");
            boolean inNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !inNumber && !PROMQL_WORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    /** The metric names of a Prometheus text-format scrape. */
    static Set<String> exposedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(scrape.split("\n"))
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
