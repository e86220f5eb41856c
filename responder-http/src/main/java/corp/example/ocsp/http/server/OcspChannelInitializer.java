package corp.example.ocsp.http.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import java.time.Clock;
import java.util.List;

/**
 * Each connection's pipeline, in order; the names are constants so tests and tools can find them.
 * The handler gets its collaborators here, the connection's {@link ConnectionTimeouts} among them,
 * rather than looking them up in the pipeline.
 * Typed on {@link Channel} rather than SocketChannel so tests can put the same pipeline on an
 * EmbeddedChannel.
 */
final class OcspChannelInitializer extends ChannelInitializer<Channel> {
    static final String LIMITER = "connection-limit";
    static final String TIMEOUTS = "timeouts";
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "aggregator";
    static final String HANDLER = "ocsp";

    private final List<Route> routes;
    private final HttpLimits limits;
    private final ConnectionLimiter limiter;
    private final ServerMetrics metrics;
    private final Clock clock;

    OcspChannelInitializer(
            List<Route> routes, HttpLimits limits, ConnectionLimiter limiter, ServerMetrics metrics, Clock clock) {
        this.routes = routes;
        this.limits = limits;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(LIMITER, limiter);
        ConnectionTimeouts timeouts = new ConnectionTimeouts(limits.requestTimeout(), limits.idleTimeout());
        p.addLast(TIMEOUTS, timeouts);
        p.addLast(CODEC, new OcspHttpCodec(limits.maxUriBytes(), limits.maxHeaderBytes(), 8192));
        p.addLast(AGGREGATOR, new InOrderAggregator(limits.maxBodyBytes()));
        p.addLast(HANDLER, new OcspHttpHandler(timeouts, routes, limits, metrics, clock));
    }
}
