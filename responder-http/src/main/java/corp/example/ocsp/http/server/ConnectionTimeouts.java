package corp.example.ocsp.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a connection may hold the server: a request must arrive whole within the
 * request timeout of its first byte (else {@code 408} and close), so a client trickling a request
 * a byte at a time cannot hold a connection; and a connection with no request in progress is closed
 * after the idle timeout.
 *
 * <p>First in the pipeline. Rather than a timer per connection and per request, each event loop
 * sweeps its own connections four times a second, so a connection costs no scheduling at all.
 * {@link OcspHttpHandler} calls {@link #received} when a whole request has arrived.
 */
final class ConnectionTimeouts extends ChannelInboundHandlerAdapter {
    private static final byte[] TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final long SWEEP_MILLIS = 250;
    /** The connections of the current event loop; touched only by that loop's thread. */
    private static final FastThreadLocal<Sweeper> SWEEPERS = new FastThreadLocal<>();

    private final long requestTimeoutNanos;
    private final long idleTimeoutNanos;
    private ChannelHandlerContext ctx;
    private long requestStartedAt;
    private long lastActivity;

    ConnectionTimeouts(Duration requestTimeout, Duration idleTimeout) {
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    /** One event loop's connections and its sweep. */
    private static final class Sweeper {
        final Set<ConnectionTimeouts> connections = new LinkedHashSet<>();

        Sweeper(EventLoop loop) {
            loop.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }

        void sweep() {
            long now = System.nanoTime();
            List<ConnectionTimeouts> expired = null;
            for (ConnectionTimeouts c : connections) {
                if (c.expired(now)) {
                    if (expired == null) {
                        expired = new ArrayList<>();
                    }
                    expired.add(c);
                }
            }
            if (expired != null) {
                for (ConnectionTimeouts c : expired) {
                    c.expire();
                }
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        lastActivity = System.nanoTime();
        Sweeper sweeper = SWEEPERS.get();
        if (sweeper == null) {
            sweeper = new Sweeper(ctx.channel().eventLoop());
            SWEEPERS.set(sweeper);
        }
        sweeper.connections.add(this);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Sweeper sweeper = SWEEPERS.getIfExists();
        if (sweeper != null) {
            sweeper.connections.remove(this);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        long now = System.nanoTime();
        lastActivity = now;
        if (requestStartedAt == 0 && msg instanceof ByteBuf buf && buf.isReadable()) {
            requestStartedAt = now;
        }
        super.channelRead(ctx, msg);
    }

    /** A whole request has arrived: the next one's clock starts with its first byte. */
    void received() {
        requestStartedAt = 0;
        lastActivity = System.nanoTime();
    }

    private boolean expired(long now) {
        return requestStartedAt != 0
                ? now - requestStartedAt > requestTimeoutNanos
                : now - lastActivity > idleTimeoutNanos;
    }

    private void expire() {
        if (requestStartedAt != 0) {
            requestStartedAt = 0;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
