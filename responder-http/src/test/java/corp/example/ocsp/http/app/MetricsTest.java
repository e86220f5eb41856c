package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void fillGauge_survivesAGarbageCollection() {
        // regression: the gauges held their lambdas weakly, and after a GC /metrics said NaN, so the
        // scale measurement (and an alert on ocsp_cache_filled == 0) never saw the fill complete
        Metrics metrics = new Metrics();
        boolean[] yes = {true}; // capturing lambdas, as the wiring passes (keeper::warm): new objects
        metrics.cacheFilled(() -> yes[0]);
        for (int i = 0; i < 3; i++) {
            System.gc(); // what the bug needed; the assertion does not depend on when it runs
        }
        assertThat(metrics.registry().scrape()).contains("ocsp_cache_filled 1.0\n");
    }

    @Test
    void feedGauges_surviveAGarbageCollection() {
        // the 10M scale run saw ocsp_feed_lag_seconds and ocsp_feed_pushed turn NaN: their Optional
        // was held weakly by Micrometer and by nothing else
        Metrics metrics = new Metrics();
        java.time.Instant now = java.time.Instant.parse("2026-12-02T05:00:00Z");
        corp.example.ocsp.core.status.StatusFeed feed = new corp.example.ocsp.core.status.StatusFeed() {
            @Override
            public Subscription subscribe(java.util.function.Consumer<corp.example.ocsp.core.status.StatusChange> s) {
                return () -> {};
            }

            @Override
            public java.util.Optional<corp.example.ocsp.core.status.FeedState> state() {
                return java.util.Optional.of(new corp.example.ocsp.core.status.FeedState(
                        java.util.Optional.of(now.minusSeconds(2)), true, ""));
            }
        };
        HealthGauges.feed(
                metrics.registry(), java.util.Optional.of(feed), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThat(metrics.registry().scrape())
                .contains("ocsp_feed_lag_seconds 2.0\n")
                .contains("ocsp_feed_pushed 1.0\n");
    }

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
    void requestLatency_isAHistogram_whoseBucketsGiveTheQuantiles() {
        Metrics metrics = new Metrics();
        metrics.responder("issuing");
        String tags = "method=\"POST\",outcome=\"good\",responder=\"issuing\"";
        assertThat(metrics.registry().scrape()).contains(bucket(tags, "1.0E-4") + " 0");

        for (int i = 0; i < 99; i++) {
            metrics.request("issuing", "POST", "good", 80_000); // cached answers: 80 µs
        }
        metrics.request("issuing", "POST", "good", 3_000_000); // one signed live: 3 ms

        String scrape = metrics.registry().scrape();
        assertThat(scrape)
                .contains(bucket(tags, "1.0E-4") + " 99")
                .contains(bucket(tags, "0.0025") + " 99")
                .contains(bucket(tags, "0.005") + " 100")
                .contains(bucket(tags, "+Inf") + " 100");
        assertThat(Arrays.stream(scrape.split("\n"))
                        .filter(l -> l.startsWith("ocsp_requests_seconds_bucket{") && l.contains(tags)))
                .hasSize(Metrics.LATENCY_BUCKETS.size() + 1);
    }

    private static String bucket(String tags, String le) {
        return "ocsp_requests_seconds_bucket{" + tags + ",le=\"" + le + "\"}";
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

    @Test
    void failedStoreLookups_areCounted_andCacheHitsPerResponder() {
        Metrics metrics = new Metrics();
        metrics.responder("issuing");
        StatusSource down = (issuer, serial) -> {
            throw new StatusUnavailableException("connection refused");
        };
        StatusSource timed = metrics.timed(down);
        Issuer issuer = Issuer.of("ca", TestPki.newRoot("Metrics CA").build().holder());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> timed.lookup(issuer, BigInteger.ONE))
                    .isInstanceOf(StatusUnavailableException.class);
        }
        metrics.cacheHit("issuing");

        String scrape = metrics.registry().scrape();
        assertThat(scrape)
                .contains("ocsp_store_lookup_errors_total 2.0\n")
                .contains("ocsp_store_lookup_seconds_count 2\n")
                .contains("ocsp_cache_hits_total{responder=\"issuing\"} 1.0\n");
        metrics.close();
    }
}
