package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.Outcome;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Prometheus server sees on its first scrape of a responder that has answered nothing yet. */
class FirstScrapeTest {
    @TempDir
    Path dir;

    /** GET /metrics on the admin listener of {@code app}. */
    static String scrape(ResponderApp app) throws Exception {
        URI uri = URI.create("http://" + app.adminAddress().orElseThrow().getHostString() + ":"
                + app.adminAddress().orElseThrow().getPort() + "/metrics");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void beforeAnyRequest_everyResponderMethodAndOutcome_isThereAtZero() throws Exception {
        try (ResponderApp app = ResponderApp.start(
                WiringConfig.write(dir, new FeedlessSource(), CacheSettings.disabled(), "127.0.0.1:0"),
                Clock.systemUTC())) {
            String scrape = scrape(app);
            for (String responder : List.of("r", "r2")) {
                for (String method : List.of("GET", "POST")) {
                    for (Outcome outcome : Outcome.values()) {
                        String labels = "{method=\"%s\",outcome=\"%s\",responder=\"%s\"}"
                                .formatted(method, outcome.label(), responder);
                        assertThat(scrape)
                                .contains("ocsp_requests_seconds_count" + labels + " 0\n")
                                .contains("ocsp_requests_seconds_sum" + labels + " 0.0\n");
                    }
                }
            }
        }
    }

    @Test
    void beforeAnyRequest_theJvmAndProcessMetrics_areThere() throws Exception {
        try (ResponderApp app = ResponderApp.start(
                WiringConfig.write(dir, new FeedlessSource(), CacheSettings.disabled(), "127.0.0.1:0"),
                Clock.systemUTC())) {
            String scrape = scrape(app);
            assertThat(scrape)
                    .contains("jvm_memory_used_bytes{area=\"heap\"")
                    .contains("jvm_memory_max_bytes{area=\"nonheap\"")
                    .contains("jvm_gc_memory_allocated_bytes_total")
                    .contains("jvm_gc_live_data_size_bytes")
                    .contains("jvm_threads_live_threads")
                    .contains("jvm_threads_states_threads{state=\"runnable\"}")
                    .contains("jvm_classes_loaded_classes")
                    .contains("jvm_info{")
                    .contains("process_cpu_usage")
                    .contains("system_cpu_count")
                    .contains("process_uptime_seconds")
                    .contains("process_start_time_seconds")
                    .contains("process_files_open_files")
                    .contains("process_files_max_files")
                    .contains("ocsp_executor_queue_depth")
                    .contains("ocsp_responder_certificate_expiry_seconds{issuer=\"ca\",responder=\"r\"}")
                    .contains("ocsp_store_lookup_seconds_count 0\n")
                    .contains("ocsp_executor_queue_capacity ")
                    .contains("ocsp_response_validity_seconds{responder=\"r\"} 345600.0\n")
                    .contains("ocsp_cache_expired_total{responder=\"r\"} 0.0\n")
                    .contains("ocsp_cache_next_update_earliest_seconds{responder=\"r\"} NaN\n")
                    .contains("ocsp_cache_filled 1.0\n")
                    .contains("ocsp_store_reachable ")
                    .contains("ocsp_ready ");
            Await.until(
                    Duration.ofSeconds(30),
                    "ocsp_ready and ocsp_store_reachable 1 once the source answered its first check",
                    () -> scrape(app).contains("ocsp_ready 1.0\n")
                            && scrape(app).contains("ocsp_store_reachable 1.0\n"));
        }
    }
}
