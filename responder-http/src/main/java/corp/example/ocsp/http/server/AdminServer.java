package corp.example.ocsp.http.server;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The admin listener (loopback by default): {@code /healthz} (the process answers: for liveness
 * probes), {@code /readyz} (for load balancers and readiness probes: 200 {@code ready}, 200
 * {@code degraded: why} while it answers from its cache with something wrong behind it, 503
 * {@code not ready: why} when it cannot answer what it holds), {@code /status} (JSON for
 * operators: store, feed, cache and signers each on their own), {@code /metrics} (Prometheus text)
 * and {@code POST /reload} (load the signers again: 200 with what changed, 422 with why not). One
 * event-loop thread; the reload runs on its own thread.
 */
public final class AdminServer implements AutoCloseable {
    /**
     * What {@code /readyz} says: whether a load balancer should send requests here, and why not
     * (or what is wrong while it still should).
     */
    public record Readiness(State state, String detail) {
        /** READY and DEGRADED answer 200 (keep it in rotation), NOT_READY 503. */
        public enum State {
            READY,
            DEGRADED,
            NOT_READY
        }

        /** Ready with nothing to say. */
        public static Readiness fine() {
            return new Readiness(State.READY, "");
        }

        /** True unless NOT_READY: the load balancer keeps sending requests. */
        public boolean ready() {
            return state != State.NOT_READY;
        }

        /** {@code ready}, {@code degraded} or {@code not ready}. */
        public String word() {
            return switch (state) {
                case READY -> "ready";
                case DEGRADED -> "degraded";
                case NOT_READY -> "not ready";
            };
        }

        /** The body of {@code /readyz}: {@code ready}, {@code degraded: ...} or {@code not ready: ...}. */
        public String text() {
            return detail.isEmpty() ? word() : word() + ": " + detail;
        }
    }

    /** What a reload did: {@code ok} false when it was refused (nothing changed), with why. */
    public record Reloaded(boolean ok, String detail) {}

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    public static AdminServer start(
            InetSocketAddress address,
            Supplier<Readiness> readiness,
            Supplier<String> status,
            Supplier<String> metrics,
            Supplier<Reloaded> reload)
            throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.group(1, "ocsp-admin");
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(io.netty.channel.ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(
                                            new HttpServerCodec(),
                                            new HttpObjectAggregator(4096),
                                            new Handler(readiness, status, metrics, reload));
                        }
                    })
                    .bind(address)
                    .sync()
                    .channel();
            return new AdminServer(group, ch);
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            throw e;
        } catch (Exception e) {
            group.shutdownGracefully();
            throw new IllegalStateException("cannot listen on " + address + " (admin.listen): " + e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly(2000);
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Supplier<Readiness> readiness;
        private final Supplier<String> status;
        private final Supplier<String> metrics;
        private final Supplier<Reloaded> reload;

        Handler(
                Supplier<Readiness> readiness,
                Supplier<String> status,
                Supplier<String> metrics,
                Supplier<Reloaded> reload) {
            this.readiness = readiness;
            this.status = status;
            this.metrics = metrics;
            this.reload = reload;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = HttpGuards.path(request.uri());
            if (path.equals("/reload")) {
                reload(ctx, request);
                return;
            }
            FullHttpResponse response = switch (path) {
                case "/healthz" -> text(request, HttpResponseStatus.OK, "ok", "text/plain; charset=utf-8");
                case "/readyz" -> {
                    Readiness r = readiness.get();
                    yield text(
                            request,
                            r.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                            r.text(),
                            "text/plain; charset=utf-8");
                }
                case "/status" -> text(request, HttpResponseStatus.OK, status.get(), "application/json");
                case "/metrics" ->
                    text(request, HttpResponseStatus.OK, metrics.get(), "text/plain; version=0.0.4; charset=utf-8");
                default ->
                    text(
                            request,
                            HttpResponseStatus.NOT_FOUND,
                            "try /healthz, /readyz, /status, /metrics or POST /reload",
                            "text/plain; charset=utf-8");
            };
            send(ctx, request, response);
        }

        /** Loads files (and may derive PKCS#12 keys), so it runs off the event loop. */
        private void reload(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.method().equals(HttpMethod.POST)) {
                FullHttpResponse r = text(
                        request,
                        HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "use POST /reload",
                        "text/plain; charset=utf-8");
                r.headers().set(HttpHeaderNames.ALLOW, "POST");
                send(ctx, request, r);
                return;
            }
            HttpVersion version = request.protocolVersion();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            ctx.channel().config().setAutoRead(false); // answers stay in request order
            CompletableFuture.supplyAsync(reload, task -> DaemonThreads.start("ocsp-reload", task))
                    .exceptionally(e -> new Reloaded(false, "reload failed: " + e))
                    .thenAccept(done -> ctx.executor().execute(() -> {
                        FullHttpResponse r = text(
                                version,
                                done.ok() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY,
                                done.detail(),
                                "text/plain; charset=utf-8");
                        send(ctx, keepAlive, r);
                        ctx.channel().config().setAutoRead(true);
                    }));
        }

        private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
            send(ctx, HttpUtil.isKeepAlive(request), response);
        }

        private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
            HttpUtil.setKeepAlive(response, keepAlive);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse text(
                FullHttpRequest request, HttpResponseStatus status, String body, String type) {
            return text(request.protocolVersion(), status, body, type);
        }

        private static FullHttpResponse text(HttpVersion version, HttpResponseStatus status, String body, String type) {
            return HttpAnswers.text(version, status, body, type, "no-store");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
