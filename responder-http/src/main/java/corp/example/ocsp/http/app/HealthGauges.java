package corp.example.ocsp.http.app;

import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.http.server.AdminServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;

/**
 * The gauges of what the load balancer and the operator are told apart: {@code ocsp_ready},
 * {@code ocsp_degraded}, {@code ocsp_store_reachable}, {@code ocsp_feed_lag_seconds} and
 * {@code ocsp_feed_pushed}. Registered on every responder, with or without a feed.
 */
final class HealthGauges {
    private HealthGauges() {}

    static void register(MeterRegistry registry, Readiness readiness, Optional<StatusFeed> feed, Clock clock) {
        readiness(registry, readiness);
        feed(registry, feed, clock);
    }

    /**
     * {@code ocsp_ready} (1 while /readyz answers 200, degraded included), {@code ocsp_degraded} (1
     * while it answers 200 {@code degraded}) and {@code ocsp_store_reachable}, 1 or 0.
     */
    private static void readiness(MeterRegistry registry, Readiness readiness) {
        Gauge.builder("ocsp_ready", readiness, r -> r.readiness().ready() ? 1 : 0)
                .description("1 while /readyz answers 200 (ready or degraded): the load balancer sends requests here")
                .register(registry);
        Gauge.builder(
                        "ocsp_degraded",
                        readiness,
                        r -> r.readiness().state() == AdminServer.Readiness.State.DEGRADED ? 1 : 0)
                .description(
                        "1 while /readyz answers 200 degraded (e.g. serving from the cache with the store unreachable)")
                .register(registry);
        Gauge.builder("ocsp_store_reachable", readiness, r -> r.sourceReachable() ? 1 : 0)
                .description("1 while the status store answers its reachability check")
                .register(registry);
    }

    /**
     * {@code ocsp_feed_lag_seconds} (since the change feed last caught up with every committed
     * change; NaN before it first did) and {@code ocsp_feed_pushed} (1 while changes are pushed as
     * they commit, 0 while they come by the reconcile only). Registered without a feed too (NaN and
     * 0), so every responder exposes them.
     */
    static void feed(MeterRegistry registry, Optional<StatusFeed> feed, Clock clock) {
        Gauge.builder(
                        "ocsp_feed_lag_seconds",
                        feed,
                        f -> f.flatMap(StatusFeed::state)
                                .flatMap(s -> s.lag(clock.instant()))
                                .map(d -> d.toMillis() / 1000.0)
                                .orElse(Double.NaN))
                .strongReference(true) // the Optional is held by nothing else: weakly, a GC turned it to NaN
                .description("seconds since the change feed last caught up with every committed change")
                .register(registry);
        Gauge.builder(
                        "ocsp_feed_pushed",
                        feed,
                        f -> f.flatMap(StatusFeed::state)
                                .map(s -> s.pushed() ? 1 : 0)
                                .orElse(0))
                .strongReference(true)
                .description(
                        "1 while changes are pushed as they commit (LISTEN), 0 while they arrive by reconcile only")
                .register(registry);
    }
}
