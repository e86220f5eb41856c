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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP HTTP server: binds every {@link Listener} on one set of event loops (one acceptor, one
 * worker per core by default) and stops gracefully. Blocking work never runs on these loops: the
 * {@link Endpoint}s hand it to their executors.
 */
public final class OcspServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OcspServer.class);

    private final Transport transport = Transport.best();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final List<Channel> channels = new ArrayList<>();

    private OcspServer(int workerThreads) {
        this.boss = transport.group(1, "ocsp-accept");
        this.workers = transport.group(workerThreads, "ocsp-io");
    }

    /**
     * Binds {@code listeners}; fails (and releases what it bound) if any address cannot be bound.
     * {@code workerThreads} 0 means one per available processor.
     */
    public static OcspServer start(List<Listener> listeners, HttpLimits limits, ServerMetrics metrics, Clock clock,
            int workerThreads) throws InterruptedException {
        int threads = workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
        OcspServer server = new OcspServer(threads);
        ConnectionLimiter limiter = new ConnectionLimiter(limits.maxConnections());
        try {
            for (Listener listener : listeners) {
                ServerBootstrap b = new ServerBootstrap()
                        .group(server.boss, server.workers)
                        .channel(server.transport.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new OcspChannelInitializer(listener.routes(), limits, limiter, metrics, clock));
                Channel ch = b.bind(listener.address()).sync().channel();
                server.channels.add(ch);
                log.info("listening on {} ({}) for {}", ch.localAddress(), server.transport,
                        listener.routes().stream().map(r -> r.endpoint().name() + " at " + r.prefix()).toList());
            }
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The bound addresses, in listener order (with the real port when 0 was asked). */
    public List<InetSocketAddress> addresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** Stops accepting, lets in-flight answers finish within {@code grace}, then closes everything. */
    public void stop(Duration grace) {
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly();
        }
        boss.shutdownGracefully(0, grace.toMillis(), TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(Math.min(200, grace.toMillis()), grace.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(grace.toMillis() + 1000);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }
}
