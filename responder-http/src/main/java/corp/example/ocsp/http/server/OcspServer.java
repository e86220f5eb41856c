package corp.example.ocsp.http.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP HTTP server: binds every {@link Listener} and stops gracefully. Blocking work never runs
 * on its event loops: the {@link Endpoint}s hand it to their executors.
 *
 * <p>With io_uring or epoll (Linux), each event loop binds the port itself with SO_REUSEPORT and serves the
 * connections it accepts, so a new connection is never handed from an acceptor thread to another
 * loop (how Apache and nginx fetch, one connection per request, is dominated by that cost). With
 * NIO, one acceptor hands connections to the worker loops.
 */
public final class OcspServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OcspServer.class);

    private final Transport transport = Transport.best();
    private final List<EventLoopGroup> groups = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    private OcspServer() {}

    /**
     * Binds {@code listeners}; fails (and releases what it bound) if any address cannot be bound.
     * {@code workerThreads} 0 means {@link #defaultEventLoops()}.
     */
    public static OcspServer start(
            List<Listener> listeners, HttpLimits limits, ServerMetrics metrics, Clock clock, int workerThreads)
            throws InterruptedException {
        int threads = workerThreads > 0 ? workerThreads : defaultEventLoops();
        OcspServer server = new OcspServer();
        ConnectionLimiter limiter = new ConnectionLimiter(limits.maxConnections());
        try {
            if (server.transport.reusesPort()) {
                for (int i = 0; i < threads; i++) {
                    server.groups.add(server.transport.group(1, "ocsp-io-" + i));
                }
            } else {
                server.groups.add(server.transport.group(1, "ocsp-accept"));
                server.groups.add(server.transport.group(threads, "ocsp-io"));
            }
            for (Listener listener : listeners) {
                server.bind(listener, new OcspChannelInitializer(listener.routes(), limits, limiter, metrics, clock));
            }
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind(Listener listener, OcspChannelInitializer initializer) throws InterruptedException {
        try {
            bindAll(listener, initializer);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot listen on " + listener.address() + " for responder(s) "
                            + listener.routes().stream()
                                    .map(r -> r.endpoint().name())
                                    .toList() + ": " + e.getMessage(),
                    e);
        }
    }

    private void bindAll(Listener listener, OcspChannelInitializer initializer) throws InterruptedException {
        InetSocketAddress address = listener.address();
        if (transport.reusesPort()) {
            for (EventLoopGroup loop : groups) {
                Channel ch = bootstrap(loop, loop, initializer)
                        .option(transport.reusePort(), true)
                        .bind(address)
                        .sync()
                        .channel();
                channels.add(ch);
                address = (InetSocketAddress) ch.localAddress(); // the real port when 0 was asked
            }
        } else {
            Channel ch = bootstrap(groups.get(0), groups.get(1), initializer)
                    .bind(address)
                    .sync()
                    .channel();
            channels.add(ch);
            address = (InetSocketAddress) ch.localAddress();
        }
        addresses.add(address);
        log.info(
                "listening on {} ({}, {} event loops) for {}",
                address,
                transport,
                transport.reusesPort() ? groups.size() : "1 acceptor and worker",
                listener.routes().stream()
                        .map(r -> r.endpoint().name() + " at " + r.prefix())
                        .toList());
    }

    private ServerBootstrap bootstrap(EventLoopGroup acceptor, EventLoopGroup workers, OcspChannelInitializer init) {
        return new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // TCP_NODELAY is Netty's default for every accepted socket: set again, it cost a
                // second setsockopt per connection (async-profiler, HTTP/1.0)
                .childHandler(init);
    }

    /**
     * Half the processors, at least one. An event loop's own work per answer is small next to the
     * kernel's for the same connection and to signing, which need the other processors (README,
     * "Performance": on 2 cores one loop answers HTTP/1.0 about 25 % faster than two).
     */
    static int defaultEventLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** The bound addresses, in listener order (with the real port when 0 was asked). */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** Closes the listening sockets: new connections are refused; open ones carry on. */
    public void stopAccepting() {
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly();
        }
    }

    /**
     * The graceful stop (SIGTERM): refuse new connections, let {@code executor} finish the lookups
     * and signing already accepted, write their answers, then close the event loops; all within
     * {@code grace}. {@code executor} may be null.
     */
    public void stopGracefully(ExecutorService executor, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        stopAccepting();
        if (executor != null) {
            executor.shutdown(); // runs what is queued, takes nothing new
            try {
                executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Stops accepting, lets in-flight answers be written within {@code grace}, then closes everything. */
    public void stop(Duration grace) {
        stopAccepting();
        long quiet = Math.min(200, grace.toMillis());
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(quiet, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (EventLoopGroup g : groups) {
            g.terminationFuture().awaitUninterruptibly(grace.toMillis() + 1000);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }
}
