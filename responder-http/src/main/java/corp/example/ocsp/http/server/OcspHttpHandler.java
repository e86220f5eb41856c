package corp.example.ocsp.http.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's OCSP over HTTP. Each request becomes an {@link Exchange}; {@link HttpGuards}
 * decide, in their fixed order, whether it is refused with an HTTP error or asked of the
 * {@link Endpoint} its route names. Answers are HTTP/1.1, or HTTP/1.0 to an HTTP/1.0 request. They
 * leave in request order even when they complete out of order (HTTP/1.1 pipelining, see
 * {@link Connection}), are written in {@code channelRead0} and flushed in
 * {@code channelReadComplete} so pipelined answers batch, and a request without keep-alive (HTTP/1.0
 * by default) is answered and the connection closed.
 */
final class OcspHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(OcspHttpHandler.class);

    private final ConnectionTimeouts timeouts;
    private final List<Route> routes;
    private final HttpLimits limits;
    private final ServerMetrics metrics;
    private final Clock clock;
    private Connection connection;
    private boolean closing;

    OcspHttpHandler(
            ConnectionTimeouts timeouts, List<Route> routes, HttpLimits limits, ServerMetrics metrics, Clock clock) {
        this.timeouts = timeouts;
        this.routes = routes;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new Connection(ctx, metrics, clock, limits.maxAge());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        connection.startOfRead();
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.endOfRead();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        timeouts.received();
        if (closing) {
            return; // a request pipelined after one without keep-alive
        }
        Exchange exchange = Exchange.open(connection, request);
        HttpGuards.Verdict verdict = HttpGuards.check(request, routes, limits);
        closing = exchange.closes();
        if (verdict instanceof HttpGuards.Refuse refusal) {
            closing |= refusal.close();
            exchange.refuse(refusal);
        } else {
            exchange.ask((HttpGuards.Ask) verdict);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug(
                "connection from {} failed: {}", Connection.client(ctx.channel().remoteAddress()), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.releaseAll();
        super.channelInactive(ctx);
    }
}
