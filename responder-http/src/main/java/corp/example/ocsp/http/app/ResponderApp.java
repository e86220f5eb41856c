package corp.example.ocsp.http.app;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.core.signing.SignerFiles;
import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.config.ServerConfig.IssuerConfig;
import corp.example.ocsp.http.config.ServerConfig.ResponderConfig;
import corp.example.ocsp.http.config.ServerConfig.SignerConfig;
import corp.example.ocsp.http.server.AdminServer;
import corp.example.ocsp.http.server.AdminServer.Reloaded;
import corp.example.ocsp.http.server.BoundedExecutor;
import corp.example.ocsp.http.server.Listener;
import corp.example.ocsp.http.server.OcspServer;
import corp.example.ocsp.http.server.ResponderEndpoint;
import corp.example.ocsp.http.server.Route;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server. {@link #start} loads and checks every CA certificate and signer before it
 * opens the database or binds a port, so a bad file stops it with one line naming the setting.
 */
public final class ResponderApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResponderApp.class);

    private final ServerConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private OcspServer server;
    private AdminServer admin;
    private StoreProbe probe;
    private ThreadPoolExecutor executor;
    private SignerReload signerReload;

    private ResponderApp(ServerConfig config) {
        this.config = config;
    }

    /** One responder's CAs with their signers, loaded from the files the configuration names. */
    record LoadedResponder(ResponderConfig config, Map<Issuer, ResponderSigner> signers) {
    }

    /** Loads and checks every CA certificate and signer; touches no network. */
    public static List<LoadedResponder> loadSigners(ServerConfig config, Clock clock) throws ConfigException {
        List<LoadedResponder> out = new ArrayList<>();
        for (int i = 0; i < config.responders().size(); i++) {
            ResponderConfig r = config.responders().get(i);
            Map<Issuer, ResponderSigner> signers = new LinkedHashMap<>();
            for (int j = 0; j < r.issuers().size(); j++) {
                IssuerConfig ic = r.issuers().get(j);
                String setting = config.file() + ": responders[" + i + "].issuers[" + j + "]";
                try {
                    X509CertificateHolder ca = SignerFiles.readCertificates(ic.certificate()).get(0);
                    Issuer issuer = Issuer.of(ic.label(), ca);
                    signers.put(issuer, signer(ic.signer(), issuer, clock, config.server().signingProvider()));
                } catch (SignerLoadException e) {
                    throw new ConfigException(setting + ": " + e.getMessage(), e);
                }
            }
            out.add(new LoadedResponder(r, signers));
        }
        return out;
    }

    private static ResponderSigner signer(SignerConfig s, Issuer issuer, Clock clock, SignatureProvider provider)
            throws SignerLoadException {
        if (s.pkcs12().isPresent()) {
            return SignerFiles.fromPkcs12(s.pkcs12().get(), s.password(), issuer, clock, provider);
        }
        return SignerFiles.fromPem(s.certificate().orElseThrow(), s.key().orElseThrow(), s.password(), issuer, clock,
                provider);
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public static ResponderApp start(ServerConfig config, Clock clock) throws Exception {
        return start(config, clock, store -> { });
    }

    /**
     * Starts everything, running {@code prepare} on the open store before any port is bound (the
     * demo migrates and registers its PKI there).
     */
    public static ResponderApp start(ServerConfig config, Clock clock, Consumer<PostgresStore> prepare)
            throws Exception {
        List<LoadedResponder> loaded = loadSigners(config, clock);
        ResponderApp app = new ResponderApp(config);
        try {
            app.startParts(loaded, clock, prepare);
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void startParts(List<LoadedResponder> loaded, Clock clock, Consumer<PostgresStore> prepare)
            throws Exception {
        logEffectiveConfiguration();
        if (config.server().signingProvider() == SignatureProvider.AUTO) { // aws-lc refuses to start instead
            SignatureProvider.awsLcUnavailableBecause().ifPresent(why -> log.warn(
                    "AWS-LC cannot sign on this machine, so Bouncy Castle signs (about 5x slower for P-256): {}", why));
        }
        PostgresStoreConfig storeConfig = config.database().store();
        if (config.database().embedded().isPresent()) {
            EmbeddedDatabase db = EmbeddedDatabase.start(config.database().embedded().get());
            resources.add(db);
        }
        PostgresStore store = PostgresStore.open(storeConfig);
        resources.add(store);
        prepare.accept(store);
        Metrics metrics = new Metrics();
        executor = BoundedExecutor.create("ocsp-sign", config.server().signingThreads(),
                config.server().signingQueue());
        resources.add(executor::shutdownNow);
        metrics.executor(executor);
        StatusSource source = metrics.timed(store);

        Map<InetSocketAddress, List<Route>> byAddress = new LinkedHashMap<>();
        List<Responder> responders = new ArrayList<>();
        for (LoadedResponder lr : loaded) {
            Responder.Builder b = Responder.builder(lr.config().name(), source).clock(clock)
                    .settings(lr.config().settings()).metrics(metrics).cache(config.cache().settings());
            lr.signers().forEach(b::issuer);
            lr.signers().forEach((issuer, signer) -> log.info("responder {}, CA {}: signing with {}, computed by {}",
                    lr.config().name(), issuer.label(), signer, signer.providerDescription()));
            Responder responder = b.build();
            responders.add(responder);
            metrics.cache(responder);
            responder.issuers().forEach(issuer -> metrics.signer(responder, issuer, clock));
            byAddress.computeIfAbsent(lr.config().listen(), a -> new ArrayList<>())
                    .add(new Route(lr.config().path(), new ResponderEndpoint(responder, executor)));
        }
        BiConsumer<Responder, Set<Issuer>> resign = (r, issuers) -> { };
        if (config.cache().settings().enabled()) {
            ThreadPoolExecutor cacheSigners = BoundedExecutor.create("ocsp-cache", config.cache().threads(), 100_000);
            resources.add(cacheSigners::shutdownNow);
            CacheKeeper keeper = new CacheKeeper(responders, store, store, cacheSigners,
                    config.cache().settings().refreshPerSecond());
            resources.add(keeper);
            resign = keeper::resign;
        }
        signerReload = new SignerReload(config.file(), responders, clock, resign);
        probe = new StoreProbe(store, () -> responders.stream()
                .flatMap(r -> r.issuers().stream().map(r::signer)).distinct().toList(),
                clock, config.server().certificateExpiryWarning());
        resources.add(probe);
        if (config.admin().isPresent()) {
            admin = AdminServer.start(config.admin().get(), probe::readiness, metrics.registry()::scrape,
                    signerReload::reload);
            resources.add(admin);
            log.info("admin listener on {} (/healthz, /readyz, /metrics, POST /reload)", admin.address());
        }
        List<Listener> listeners = new ArrayList<>();
        byAddress.forEach((address, routes) -> listeners.add(new Listener(address, routes)));
        server = OcspServer.start(listeners, config.server().limits(), metrics, clock, config.server().ioThreads());
    }

    private void logEffectiveConfiguration() {
        log.info("configuration {}: database {}{}; server {}; admin {}", config.file(), config.database().store(),
                config.database().embedded().map(e -> " (embedded, data in " + e.dataDir() + ")").orElse(""),
                config.server(), config.admin().map(Object::toString).orElse("off"));
        for (ResponderConfig r : config.responders()) {
            log.info("responder {}: listen {} path {} {} CAs {}", r.name(), r.listen(), r.path(), r.settings(),
                    r.issuers().stream().map(i -> i.label() + " (" + i.certificate() + ")").toList());
        }
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
     * within the configured grace; then the event loops, the executors, the store (its pool and
     * feed) and an embedded database are closed, in that order.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        if (server != null) {
            log.info("stopping: no new connections; answers in flight get up to {} to finish",
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
