package corp.example.ocsp.http.server;

import corp.example.ocsp.core.Responder;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

/**
 * An {@link OcspServer} on loopback for tests, with the signing executor its responders share;
 * closing it stops both. Built with named settings, everything else as in production
 * ({@link HttpLimits#defaults()}):
 *
 * <pre>{@code
 * try (ServerUnderTest server = ServerUnderTest.builder().route("/", responder)
 *         .maxConnections(1).ioThreads(1).start()) {
 *     new RawHttp(server.port())...
 * }
 * }</pre>
 */
final class ServerUnderTest implements AutoCloseable {
    private final OcspServer server;
    private final ThreadPoolExecutor signing;

    private ServerUnderTest(OcspServer server, ThreadPoolExecutor signing) {
        this.server = server;
        this.signing = signing;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The port of the first listener. */
    int port() {
        return port(0);
    }

    /** The port of listener {@code listener}, in the order they were added. */
    int port(int listener) {
        return server.addresses().get(listener).getPort();
    }

    OcspServer server() {
        return server;
    }

    /** The executor the responders' lookups and signing run on. */
    ThreadPoolExecutor signing() {
        return signing;
    }

    @Override
    public void close() {
        server.close();
        signing.shutdownNow();
    }

    /** What to start; each setting not named keeps its default. */
    static final class Builder {
        private final List<InetSocketAddress> addresses = new ArrayList<>();
        private final List<List<Function<Executor, Route>>> routes = new ArrayList<>();
        private HttpLimits limits = HttpLimits.defaults();
        private int ioThreads = 2;
        private int signingThreads = 2;
        private int signingQueue = 100;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Starts a listener on a free loopback port; the routes added after it are its own. */
        Builder listener() {
            return listener(new InetSocketAddress("127.0.0.1", 0));
        }

        /** Starts a listener on {@code address}; without one, routes go to a listener on a free loopback port. */
        Builder listener(InetSocketAddress address) {
            addresses.add(address);
            routes.add(new ArrayList<>());
            return this;
        }

        private List<Function<Executor, Route>> currentRoutes() {
            if (routes.isEmpty()) {
                listener();
            }
            return routes.get(routes.size() - 1);
        }

        /** {@code responder} at {@code prefix} of the current listener, behind the shared signing executor. */
        Builder route(String prefix, Responder responder) {
            currentRoutes().add(executor -> new Route(prefix, new ResponderEndpoint(responder, executor)));
            return this;
        }

        /** {@code endpoint} at {@code prefix} of the current listener. */
        Builder route(String prefix, Endpoint endpoint) {
            currentRoutes().add(executor -> new Route(prefix, endpoint));
            return this;
        }

        Builder maxBodyBytes(int bytes) {
            limits = limits.withMaxBodyBytes(bytes);
            return this;
        }

        Builder maxUriBytes(int bytes) {
            limits = limits.withMaxUriBytes(bytes);
            return this;
        }

        Builder maxHeaderBytes(int bytes) {
            limits = limits.withMaxHeaderBytes(bytes);
            return this;
        }

        Builder requestTimeout(Duration timeout) {
            limits = limits.withRequestTimeout(timeout);
            return this;
        }

        Builder idleTimeout(Duration timeout) {
            limits = limits.withIdleTimeout(timeout);
            return this;
        }

        Builder maxConnections(int connections) {
            limits = limits.withMaxConnections(connections);
            return this;
        }

        /** Event loops; 2 unless set. */
        Builder ioThreads(int threads) {
            ioThreads = threads;
            return this;
        }

        /** Threads of the signing executor; 2 unless set. */
        Builder signingThreads(int threads) {
            signingThreads = threads;
            return this;
        }

        /** Tasks the signing executor queues before it refuses (tryLater); 100 unless set. */
        Builder signingQueue(int tasks) {
            signingQueue = tasks;
            return this;
        }

        /** The clock answers are dated by (Date, max-age); the system clock unless set. */
        Builder clock(Clock serverClock) {
            clock = serverClock;
            return this;
        }

        /** Binds the listeners; fails as {@link OcspServer#start} does, having stopped the executor. */
        ServerUnderTest start() throws InterruptedException {
            ThreadPoolExecutor signing = BoundedExecutor.create("test-sign", signingThreads, signingQueue);
            try {
                List<Listener> listeners = new ArrayList<>();
                for (int i = 0; i < addresses.size(); i++) {
                    listeners.add(new Listener(addresses.get(i), routes(i, signing)));
                }
                return new ServerUnderTest(
                        OcspServer.start(listeners, limits, ServerMetrics.Noop.INSTANCE, clock, ioThreads), signing);
            } catch (RuntimeException | InterruptedException e) {
                signing.shutdownNow();
                throw e;
            }
        }

        /**
         * Instead of a server, the pipeline it would put on each connection, for an EmbeddedChannel: the
         * first listener's routes, with {@code signing} as the responders' executor.
         */
        OcspChannelInitializer pipeline(Executor signing) {
            ConnectionLimiter limiter = new ConnectionLimiter(limits.maxConnections());
            return new OcspChannelInitializer(routes(0, signing), limits, limiter, ServerMetrics.Noop.INSTANCE, clock);
        }

        private List<Route> routes(int listener, Executor signing) {
            return routes.get(listener).stream().map(r -> r.apply(signing)).toList();
        }
    }
}
