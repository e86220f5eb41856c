package corp.example.ocsp.http.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCounted;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One connection as its {@link Exchange}s see it: the channel, the server's metrics and clock, and
 * the queue that writes the answers in request order (HTTP/1.1 pipelining) whatever order they
 * complete in. Answers are written as their turn comes and flushed at the end of a read, or at once
 * when none is in progress; after a response that closes the connection nothing more is written.
 * Touched only by the connection's event loop.
 */
final class Connection {
    private final ChannelHandlerContext ctx;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Duration maxAge;
    private final ArrayDeque<Exchange> pending = new ArrayDeque<>();
    private boolean reading;

    Connection(ChannelHandlerContext ctx, ServerMetrics metrics, Clock clock, Duration maxAge) {
        this.ctx = ctx;
        this.metrics = metrics;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    Clock clock() {
        return clock;
    }

    /** The cap on Cache-Control max-age. */
    Duration maxAge() {
        return maxAge;
    }

    /** The connection's buffer allocator, for the answers written as bytes. */
    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    /** Takes {@code exchange}'s place in the queue: its response leaves after the ones before it. */
    void enqueue(Exchange exchange) {
        pending.add(exchange);
    }

    /** While a read is in progress, writes are left for {@link #endOfRead} to flush, so pipelined answers batch. */
    void startOfRead() {
        reading = true;
    }

    void endOfRead() {
        reading = false;
        ctx.flush();
    }

    /** Runs {@code task} on the connection's event loop: at once if this is it. */
    void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    /** Writes every response whose turn has come; the one that closes the connection is the last. */
    void writeReady() {
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().response() != null) {
            Exchange head = pending.poll();
            if (head.closes()) {
                ctx.write(head.response()).addListener(ChannelFutureListener.CLOSE);
                pending.clear();
            } else {
                ctx.write(head.response());
            }
            wrote = true;
        }
        if (wrote && !reading) {
            ctx.flush();
        }
    }

    /** The connection is gone: releases the responses still waiting for their turn. */
    void releaseAll() {
        for (Exchange e : pending) {
            ReferenceCounted response = e.response();
            if (response != null) {
                response.release();
            }
        }
        pending.clear();
    }

    /** The client's address, for logs. */
    String client() {
        return client(ctx.channel().remoteAddress());
    }

    static String client(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(address);
    }
}
