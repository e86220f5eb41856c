package corp.example.ocsp.http.app;

import corp.example.ocsp.core.CacheMaintainer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.core.status.Freshness;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.app.SignerLoader.LoadedResponder;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.config.ServerConfig.ResponderConfig;
import corp.example.ocsp.http.server.AdminServer;
import corp.example.ocsp.http.server.AdminServer.Reloaded;
import corp.example.ocsp.http.server.BoundedExecutor;
import corp.example.ocsp.http.server.Listener;
import corp.example.ocsp.http.server.OcspServer;
import corp.example.ocsp.http.server.ResponderEndpoint;
import corp.example.ocsp.http.server.Route;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.responses.ResponseStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server. {@link #start} loads and checks every CA certificate and signer before it
 * opens the status source or binds a port, so a bad file stops it with one line naming the setting.
 * Then, in order: {@link #openSource}, {@link #buildResponders}, {@link #startCacheKeeping},
 * {@link #startReadiness}, {@link #startAdmin}, {@link #bind}; {@link #close} stops them in reverse.
 */
public final class ResponderApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResponderApp.class);

    private final ServerConfig config;
    private final Clock clock;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Metrics metrics = new Metrics();
    private final List<Responder> responders = new ArrayList<>();
    private final Map<InetSocketAddress, List<Route>> routes = new LinkedHashMap<>();
    private OcspServer server;
    private AdminServer admin;
    private ThreadPoolExecutor executor;
    private SignerReload signerReload;
    private Readiness readiness;
    private BooleanSupplier cacheFilled = () -> true;

    private ResponderApp(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        resources.add(metrics);
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public static ResponderApp start(ServerConfig config, Clock clock) throws Exception {
        return start(config, clock, source -> {});
    }

    /**
     * Starts everything, running {@code prepare} on the open source's admin view before any port is
     * bound (the demo migrates and registers its PKI there).
     */
    public static ResponderApp start(ServerConfig config, Clock clock, Consumer<SourceAdmin> prepare) throws Exception {
        List<LoadedResponder> loaded = SignerLoader.load(config, clock);
        ResponderApp app = new ResponderApp(config, clock);
        try {
            app.startParts(loaded, prepare);
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void startParts(List<LoadedResponder> loaded, Consumer<SourceAdmin> prepare) throws Exception {
        config.logFormat().ifPresent(LogFormat::use); // before the start-up lines, so they are in it too
        logEffectiveConfiguration();
        OpenSource source = openSource();
        prepare.accept(source.admin());
        buildResponders(loaded, metrics.timed(source.statuses()), source.freshness());
        SignersReplaced cache = startCacheKeeping(source);
        signerReload = new SignerReload(config.file(), responders, clock, cache);
        readiness = startReadiness(source);
        startAdmin(new StatusReport(
                readiness, readiness.signers(), source.changes().map(OpenSource.Changes::feed), clock));
        bind();
    }

    /** The configured status source, opened (an unreachable backend does not stop the start). */
    private OpenSource openSource() throws Exception {
        OpenSource source = config.source().open();
        resources.add(source);
        return source;
    }

    /** The signing executor and one responder per configured responder, each routed by address and path. */
    private void buildResponders(List<LoadedResponder> loaded, StatusSource statuses, Optional<Freshness> freshness)
            throws ConfigException {
        executor = BoundedExecutor.create(
                "ocsp-sign", config.server().signingThreads(), config.server().signingQueue());
        resources.add(executor::shutdownNow);
        metrics.executor(executor);
        for (LoadedResponder lr : loaded) {
            Responder.Builder b = Responder.builder(lr.config().name(), statuses)
                    .clock(clock)
                    .settings(lr.config().settings())
                    .metrics(metrics)
                    .cache(config.cache().settings());
            freshness.ifPresent(b::freshness);
            Optional<ResponseStore> store = ResponseStores.open(config, lr, freshness.isPresent());
            store.ifPresent(st -> {
                resources.add(st);
                b.store(st);
            });
            lr.signers().forEach(b::issuer);
            lr.signers()
                    .forEach((issuer, signer) -> log.info(
                            "responder {}, CA {}: signing with {}, computed by {}",
                            lr.config().name(),
                            issuer.label(),
                            signer,
                            signer.providerDescription()));
            Responder responder = b.build();
            responders.add(responder);
            metrics.responder(responder.name());
            metrics.cache(responder, clock);
            responder.issuers().forEach(issuer -> metrics.signer(responder, issuer, clock));
            routes.computeIfAbsent(lr.config().listen(), a -> new ArrayList<>())
                    .add(new Route(lr.config().path(), new ResponderEndpoint(responder, executor)));
        }
    }

    /**
     * With the cache on: fill it from the source's inventory, follow its change feed (or, for a
     * source with a freshness bound instead, let each answer be re-read as it passes the bound),
     * refresh as answers age, re-sign after rotations. Returns who re-signs after a rotation.
     */
    private SignersReplaced startCacheKeeping(OpenSource source) throws ConfigException {
        if (!config.cache().settings().enabled()) {
            metrics.cacheFilled(cacheFilled);
            return SignersReplaced.NOTHING_CACHED;
        }
        Optional<OpenSource.Changes> changes = source.changes();
        if (changes.isEmpty() && source.freshness().isEmpty()) {
            throw new ConfigException(config.file() + ": "
                    + config.source().section()
                    + ": this status source has neither a change feed nor a freshness bound, so cached answers could "
                    + "not follow its revocations; set cache.enabled: false");
        }
        ThreadPoolExecutor cacheSigners =
                BoundedExecutor.create("ocsp-cache", config.cache().threads(), CacheMaintainer.RESIGN_QUEUE_TASKS);
        resources.add(cacheSigners::shutdownNow);
        CacheKeeper keeper = new CacheKeeper(
                responders,
                changes,
                cacheSigners,
                config.cache().settings().refreshPerSecond(),
                config.server().signingThreads());
        resources.add(keeper);
        cacheFilled = keeper::warm;
        metrics.cacheFilled(cacheFilled);
        return keeper;
    }

    /** The background readiness check of the source and of every current signer. */
    private Readiness startReadiness(OpenSource source) {
        SignerExpiry expiry = new SignerExpiry(
                () -> responders.stream()
                        .flatMap(r -> r.issuers().stream().map(r::signer))
                        .distinct()
                        .toList(),
                clock,
                config.server().certificateExpiryWarning());
        boolean cacheOn = config.cache().settings().enabled();
        Readiness r = new Readiness(
                source.reachability(),
                expiry,
                () -> new Readiness.CacheFill(
                        cacheOn,
                        cacheFilled.getAsBoolean(),
                        responders.stream()
                                .mapToLong(x -> x.cacheFigures().responses())
                                .sum()));
        resources.add(r);
        metrics.health(r, source.changes().map(OpenSource.Changes::feed), clock);
        return r;
    }

    /** The admin listener, if configured: health, readiness, status, metrics, reload. */
    private void startAdmin(StatusReport status) throws InterruptedException {
        if (config.admin().isEmpty()) {
            return;
        }
        admin = AdminServer.start(
                config.admin().get(),
                readiness::readiness,
                status::json,
                metrics.registry()::scrape,
                signerReload::reload);
        resources.add(admin);
        log.info("admin listener on {} (/healthz, /readyz, /status, /metrics, POST /reload)", admin.address());
    }

    /** Binds the OCSP listeners: from here on requests are answered. */
    private void bind() throws InterruptedException {
        List<Listener> listeners = new ArrayList<>();
        routes.forEach((address, r) -> listeners.add(new Listener(address, r)));
        server = OcspServer.start(
                listeners,
                config.server().limits(),
                metrics,
                clock,
                config.server().ioThreads());
    }

    /** What will run, in a few readable lines: never a password or PIN. */
    private void logEffectiveConfiguration() {
        ServerConfig.Server sv = config.server();
        log.info("configuration {}: status source {}", config.file(), config.source());
        log.info(
                "server: event loops {}, signing threads {} (queue {}), signing provider {}, cache {}, admin listener {}",
                sv.ioThreads() == 0 ? "half the CPUs" : sv.ioThreads(),
                sv.signingThreads(),
                sv.signingQueue(),
                sv.signingProvider().name().toLowerCase(java.util.Locale.ROOT),
                cacheDescription(),
                config.admin().map(Object::toString).orElse("off"));
        for (ResponderConfig r : config.responders()) {
            log.info(
                    "responder {}: listening on {} path {}, validity {}, nonce {}, unknown serials {}, CAs {}",
                    r.name(),
                    r.listen(),
                    r.path(),
                    corp.example.ocsp.http.config.Section.human(r.settings().validity()),
                    r.settings().nonce().name().toLowerCase(java.util.Locale.ROOT),
                    r.settings().unknownSerial().name().toLowerCase(java.util.Locale.ROOT),
                    r.issuers().stream()
                            .map(i -> i.label() + " (" + i.certificate() + ")")
                            .toList());
        }
        if (config.server().signingProvider() == SignatureProvider.AUTO) { // aws-lc refuses to start instead
            SignatureProvider.awsLcUnavailableBecause()
                    .ifPresent(why -> log.warn(
                            "AWS-LC cannot sign on this machine, so Bouncy Castle signs (about 5x slower for P-256): {}",
                            why));
        }
    }

    /** The cache's bounds as they apply to each responder, and the heap they were sized for. */
    private String cacheDescription() {
        CacheSettings c = config.cache().settings();
        return c.enabled()
                ? String.format(
                        "on (each responder: %d MiB of responses, %d statuses; maximum heap %d MiB)",
                        c.maxBytes() >> 20,
                        c.maxStatuses(),
                        Runtime.getRuntime().maxMemory() >> 20)
                : "off";
    }

    /**
     * Key rotation without a restart (SIGHUP, {@code POST /reload}): loads the signers the
     * configuration file names now; those whose certificate changed sign from now on, and cached
     * responses are re-signed in the background. Refused as a whole, with why, if any file fails
     * a check or the file's responders or CAs differ from the running ones.
     */
    public Reloaded reloadSigners() {
        return signerReload.reload();
    }

    /** The bound OCSP addresses, in configuration order of first use. */
    public List<InetSocketAddress> addresses() {
        return server.addresses();
    }

    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(AdminServer::address);
    }

    /**
     * Graceful stop: no new connections; answers being looked up or signed finish and are written
     * within the configured grace; then the admin listener, readiness, the cache keeping, the
     * executors and the status source (with an embedded database) are closed, in that order.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        if (readiness != null) {
            readiness.stopping(); // /readyz says 503 while the answers in flight finish
        }
        if (server != null) {
            log.info(
                    "stopping: no new connections; answers in flight get up to {} to finish",
                    config.server().shutdownGrace());
            server.stopGracefully(executor, config.server().shutdownGrace());
            server = null;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
        log.info("stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
