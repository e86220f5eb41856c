package corp.example.ocsp.http.app;

import corp.example.ocsp.core.Outcome;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.ResponderMetrics;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusWindow;
import corp.example.ocsp.http.server.ServerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Prometheus metrics through Micrometer: requests by responder, method and outcome with latency
 * ({@code ocsp_requests_seconds}), status store lookups ({@code ocsp_store_lookup_seconds}), signing
 * ({@code ocsp_signing_seconds}), the
 * executor queue depth, and each signer's seconds to expiry; beside them Micrometer's JVM and
 * process binders ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*}, {@code
 * jvm_classes_*}, {@code process_cpu_usage}, {@code process_uptime_seconds}, {@code
 * process_files_open_files}...). The request series of every configured responder are registered
 * at start, so the first scrape already has them at zero.
 */
final class Metrics implements ServerMetrics, ResponderMetrics, AutoCloseable {
    /** The methods a responder answers; any other is counted as {@code other} under responder {@code -}. */
    private static final List<String> METHODS = List.of("GET", "POST");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Timer lookups = Timer.builder("ocsp_store_lookup")
            .description("status store lookups")
            .publishPercentiles(0.5, 0.99)
            .register(registry);

    private final Timer signing = Timer.builder("ocsp_signing")
            .description("responses signed and encoded")
            .publishPercentiles(0.5, 0.99)
            .register(registry);

    private final Counter lookupErrors = Counter.builder("ocsp_store_lookup_errors")
            .description("status store lookups that failed (store unreachable or erring)")
            .register(registry);

    private final Map<RequestKind, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> cacheHits = new ConcurrentHashMap<>();

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Registers the request series of {@code responder} for each method and outcome, at zero. */
    void responder(String responder) {
        cacheHitCounter(responder);
        for (String method : METHODS) {
            for (Outcome outcome : Outcome.values()) {
                requestTimer(new RequestKind(responder, method, outcome.label()));
            }
        }
    }

    @Override
    public void request(String responder, String method, String outcome, long nanos) {
        // a client names any method it likes (405): those share one series, so the registry stays bounded
        String kind = method.equals("GET") || method.equals("POST") || method.equals("-") ? method : "other";
        // found by its tags in a map of our own: building and registering the Timer on every request
        // (Micrometer sorts and hashes the tags, then looks the meter up) was 6 % of the event loops
        requestTimer(new RequestKind(responder, kind, outcome)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void cacheHit(String responder) {
        cacheHitCounter(responder).increment();
    }

    private Counter cacheHitCounter(String responder) {
        return cacheHits.computeIfAbsent(
                responder,
                r -> Counter.builder("ocsp_cache_hits")
                        .description("requests answered from the precomputed cache")
                        .tag("responder", r)
                        .register(registry));
    }

    /**
     * The request latency histogram's buckets ({@code ocsp_requests_seconds_bucket{le=...}}): from a
     * cached answer (tens of microseconds) to a store lookup that timed out (seconds). Fixed buckets,
     * so replicas aggregate with {@code histogram_quantile} and a request costs one bucket increment.
     */
    static final List<Duration> LATENCY_BUCKETS = Stream.of(
                    100_000L,
                    250_000L,
                    500_000L,
                    1_000_000L,
                    2_500_000L,
                    5_000_000L,
                    10_000_000L,
                    25_000_000L,
                    50_000_000L,
                    100_000_000L,
                    250_000_000L,
                    500_000_000L,
                    1_000_000_000L,
                    2_500_000_000L)
            .map(Duration::ofNanos)
            .toList();

    private Timer requestTimer(RequestKind kind) {
        return requests.computeIfAbsent(
                kind,
                k -> Timer.builder("ocsp_requests")
                        .description("OCSP requests answered, by responder, method and outcome")
                        .tags("responder", k.responder(), "method", k.method(), "outcome", k.outcome())
                        .serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
                        .register(registry));
    }

    private record RequestKind(String responder, String method, String outcome) {}

    @Override
    public void signed(String responder, long nanos) {
        signing.record(nanos, TimeUnit.NANOSECONDS);
    }

    void executor(ThreadPoolExecutor executor) {
        Gauge.builder("ocsp_executor_queue_depth", executor, e -> e.getQueue().size())
                .description("requests waiting for a lookup or signing thread")
                .register(registry);
        Gauge.builder(
                        "ocsp_executor_queue_capacity",
                        executor,
                        e -> e.getQueue().size() + e.getQueue().remainingCapacity())
                .description("requests the signing queue holds before answering tryLater")
                .register(registry);
        Gauge.builder("ocsp_executor_active", executor, ThreadPoolExecutor::getActiveCount)
                .register(registry);
    }

    /** The readiness, store and feed gauges ({@link HealthGauges}). */
    void health(Readiness readiness, Optional<StatusFeed> feed, Clock clock) {
        HealthGauges.register(registry, readiness, feed, clock);
    }

    /** {@code ocsp_cache_filled}: 1 once every cache was filled from the source (at once with the cache off). */
    void cacheFilled(BooleanSupplier filled) {
        Gauge.builder("ocsp_cache_filled", filled, f -> f.getAsBoolean() ? 1 : 0)
                .description("1 once the start-up fill of every responder's cache is done")
                .strongReference(true) // the supplier is a lambda: held weakly, a GC would turn it to NaN
                .register(registry);
    }

    void cache(Responder responder, Clock clock) {
        Gauge.builder("ocsp_cache_responses", responder, r -> r.cacheFigures().responses())
                .description("signed responses in the cache")
                .tag("responder", responder.name())
                .register(registry);
        Gauge.builder("ocsp_cache_bytes", responder, r -> r.cacheFigures().weightBytes())
                .description("weight of the cached responses")
                .tag("responder", responder.name())
                .register(registry);
        Gauge.builder(
                        "ocsp_cache_fill_certificates",
                        responder,
                        r -> r.cacheMaintainer().fillProgress().certificates())
                .description("certificates the start-up fill has read from the inventory")
                .tag("responder", responder.name())
                .register(registry);
        Gauge.builder(
                        "ocsp_cache_fill_remaining_seconds",
                        responder,
                        r -> r.cacheMaintainer()
                                .fillProgress()
                                .remaining()
                                .map(d -> (double) d.getSeconds())
                                .orElse(Double.NaN))
                .description("time the start-up fill still needs at its rate (0 once done, NaN when unknown)")
                .tag("responder", responder.name())
                .register(registry);
        Gauge.builder("ocsp_cache_statuses", responder, r -> r.cacheFigures().statuses())
                .description("known statuses in the cache")
                .tag("responder", responder.name())
                .register(registry);
        Gauge.builder(
                        "ocsp_cache_next_update_earliest_seconds",
                        responder,
                        r -> r.cacheFigures()
                                .earliestNextUpdate()
                                .map(t -> (double)
                                        Duration.between(clock.instant(), t).getSeconds())
                                .orElse(Double.NaN))
                .description("seconds until the nextUpdate of the cached response closest to it (NaN: none cached)")
                .tag("responder", responder.name())
                .register(registry);
        FunctionCounter.builder(
                        "ocsp_cache_expired", responder, r -> r.cacheFigures().expired())
                .description("cached responses that reached their nextUpdate before being re-signed")
                .tag("responder", responder.name())
                .register(registry);
        Gauge.builder(
                        "ocsp_response_validity_seconds",
                        responder,
                        r -> r.settings().validity().getSeconds())
                .description("nextUpdate - thisUpdate + 1 s of the responses")
                .tag("responder", responder.name())
                .register(registry);
    }

    /** Seconds to the expiry of the certificate {@code responder} signs {@code issuer}'s answers with now. */
    void signer(Responder responder, Issuer issuer, Clock clock) {
        Gauge.builder(
                        "ocsp_responder_certificate_expiry_seconds",
                        responder,
                        r -> Duration.between(clock.instant(), r.signer(issuer).notAfter())
                                .getSeconds())
                .description("seconds until the responder certificate expires")
                .tags("responder", responder.name(), "issuer", issuer.label())
                .register(registry);
    }

    /** {@code source} with each lookup timed. */
    StatusSource timed(StatusSource source) {
        return new StatusSource() {
            @Override
            public CertStatus lookup(Issuer issuer, BigInteger serial) {
                long start = System.nanoTime();
                try {
                    return source.lookup(issuer, serial);
                } catch (RuntimeException e) {
                    lookupErrors.increment();
                    throw e;
                } finally {
                    lookups.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            }

            @Override
            public Map<BigInteger, CertStatus> lookupAll(Issuer issuer, Collection<BigInteger> serials) {
                long start = System.nanoTime();
                try {
                    return source.lookupAll(issuer, serials);
                } catch (RuntimeException e) {
                    lookupErrors.increment();
                    throw e;
                } finally {
                    lookups.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            }

            @Override
            public Optional<StatusWindow> window(Issuer issuer) {
                return source.window(issuer);
            }
        };
    }

    /** Stops listening for GC notifications. */
    @Override
    public void close() {
        gc.close();
    }
}
