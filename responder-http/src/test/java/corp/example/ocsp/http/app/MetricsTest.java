package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void requests_areCountedByResponderMethodAndOutcome() {
        Metrics metrics = new Metrics();
        for (int i = 0; i < 3; i++) {
            metrics.request("issuing", "POST", "good", 1_000);
        }
        metrics.request("issuing", "GET", "revoked", 1_000);

        String scrape = metrics.registry().scrape();
        assertThat(scrape)
                .contains("ocsp_requests_seconds_count{method=\"POST\",outcome=\"good\",responder=\"issuing\"} 3");
        assertThat(scrape)
                .contains("ocsp_requests_seconds_count{method=\"GET\",outcome=\"revoked\",responder=\"issuing\"} 1");
    }

    @Test
    void methodsClientsMakeUp_shareOneSeries_soTheRegistryStaysBounded() {
        Metrics metrics = new Metrics();
        for (int i = 0; i < 1000; i++) {
            metrics.request("-", "METHOD" + i, "405", 1_000);
        }

        String scrape = metrics.registry().scrape();
        assertThat(scrape)
                .contains("ocsp_requests_seconds_count{method=\"other\",outcome=\"405\",responder=\"-\"} 1000");
        assertThat(Arrays.stream(scrape.split("\n")).filter(l -> l.startsWith("ocsp_requests_seconds_count")))
                .hasSize(1);
    }
}
