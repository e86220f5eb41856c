package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's OCSP over HTTP. Guards in a fixed order (decoder failure 400 or 413/431, a body
 * over the limit 413 from {@link InOrderAggregator}, an HTTP major version other than 1 505, method
 * 405, content type 415, route 404, undecodable GET path 400), then the {@link Endpoint}; the
 * guards before the method close the connection. Answers are HTTP/1.1, or HTTP/1.0 to an HTTP/1.0
 * request. They leave in request order even when they complete out of order (HTTP/1.1
 * pipelining), are written in {@code channelRead0} and flushed in {@code channelReadComplete} so
 * pipelined answers batch, and a request without keep-alive (HTTP/1.0 by default) is answered and
 * the connection closed.
 */
final class OcspHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger access = LoggerFactory.getLogger("ocsp.access");
    private static final Logger log = LoggerFactory.getLogger(OcspHttpHandler.class);

    private final List<Route> routes;
    private final HttpLimits limits;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();
    private boolean reading;
    private boolean closing;
    private ConnectionTimeouts timeouts;

    OcspHttpHandler(List<Route> routes, HttpLimits limits, ServerMetrics metrics, Clock clock) {
        this.routes = routes;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A response waiting for its turn. */
    private static final class Slot {
        FullHttpResponse response;
        boolean close;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        ctx.flush();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (timeouts == null) {
            timeouts = (ConnectionTimeouts) ctx.pipeline().get(OcspChannelInitializer.TIMEOUTS);
        }
        if (timeouts != null) {
            timeouts.received();
        }
        if (closing) {
            return; // a request pipelined after one without keep-alive
        }
        long start = System.nanoTime();
        HttpVersion version = HttpVersion.HTTP_1_0.equals(request.protocolVersion()) ? HttpVersion.HTTP_1_0
                : HttpVersion.HTTP_1_1;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Slot slot = new Slot();
        slot.close = !keepAlive;
        closing = !keepAlive;
        pending.add(slot);

        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            Throwable cause = decoded.cause();
            HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                    : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
            String why = status == HttpResponseStatus.BAD_REQUEST ? "malformed HTTP request"
                    : status == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                            ? "headers larger than " + limits.maxHeaderBytes() + " bytes"
                    : cause instanceof TooLongHttpContentException ? "body larger than " + limits.maxBodyBytes() + " bytes"
                    : "request line longer than " + limits.maxUriBytes() + " bytes";
            slot.close = true;
            closing = true;
            httpError(ctx, slot, version, status, why, "-", start);
            return;
        }
        HttpVersion asked = request.protocolVersion();
        if (!asked.protocolName().equals("HTTP") || asked.majorVersion() != 1) {
            slot.close = true;
            closing = true;
            httpError(ctx, slot, version, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    asked + " not supported; use HTTP/1.1", "-", start);
            return;
        }

        HttpMethod method = request.method();
        String path = path(request.uri());
        if (!HttpMethod.GET.equals(method) && !HttpMethod.POST.equals(method)) {
            String why = "method " + method + " not allowed; use GET or POST";
            FullHttpResponse response = HttpAnswers.error(version, HttpResponseStatus.METHOD_NOT_ALLOWED, why);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
            httpError(ctx, slot, response, why, method.name(), start);
            return;
        }
        Optional<Route> route = routes.stream().filter(r -> r.matches(path)).findFirst();
        if (route.isEmpty()) {
            httpError(ctx, slot, version, HttpResponseStatus.NOT_FOUND, "no OCSP responder at " + path,
                    method.name(), start);
            return;
        }

        byte[] der;
        if (HttpMethod.POST.equals(method)) {
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (type != null && !isOcspRequestType(type)) {
                httpError(ctx, slot, version, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type must be application/ocsp-request, not " + type, method.name(), start);
                return;
            }
            der = ByteBufUtil.getBytes(request.content());
        } else {
            Optional<byte[]> decodedPath = GetPathDecoder.decode(route.get().rest(path));
            if (decodedPath.isEmpty()) {
                httpError(ctx, slot, version, HttpResponseStatus.BAD_REQUEST,
                        "GET path is not a percent-encoded base64 OCSP request", method.name(), start);
                return;
            }
            der = decodedPath.get();
        }

        boolean get = HttpMethod.GET.equals(method);
        String ifNoneMatch = get ? request.headers().get(HttpHeaderNames.IF_NONE_MATCH) : null;
        Endpoint endpoint = route.get().endpoint();
        endpoint.answer(der).whenComplete((answer, error) -> {
            // an answer given at once comes as a completed future: this runs at once, on the event loop
            if (ctx.executor().inEventLoop()) {
                answered(ctx, slot, version, get, ifNoneMatch, endpoint, answer, error, start);
            } else {
                ctx.executor().execute(() -> answered(ctx, slot, version, get, ifNoneMatch, endpoint, answer, error,
                        start));
            }
        });
    }

    private void answered(ChannelHandlerContext ctx, Slot slot, HttpVersion version, boolean get, String ifNoneMatch,
            Endpoint endpoint, OcspAnswer answer, Throwable error, long start) {
        String method = get ? "GET" : "POST";
        if (error != null || answer == null) {
            log.error("responder {}: answering failed", endpoint.name(), error);
            httpError(ctx, slot, version, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error", method, start);
            return;
        }
        FullHttpResponse response = HttpAnswers.ocsp(version, answer, get, clock.instant(), limits.maxAge());
        String etag = response.headers().get(HttpHeaderNames.ETAG);
        boolean cached = answer instanceof OcspAnswer.Signed signed && signed.cached();
        String outcome = answer.outcome().label() + (cached ? " cached" : "");
        if (etag != null && ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            response.release();
            response = HttpAnswers.notModified(version, response);
            outcome = outcome + " 304";
        }
        metrics.request(endpoint.name(), method, answer.outcome().label(), System.nanoTime() - start);
        finish(ctx, slot, response, method, outcome, answer.serials(), start);
    }

    private void httpError(ChannelHandlerContext ctx, Slot slot, HttpVersion version, HttpResponseStatus status,
            String message, String method, long start) {
        httpError(ctx, slot, HttpAnswers.error(version, status, message), message, method, start);
    }

    /** Sends {@code response}, an HTTP error saying {@code message}, counted and logged as every answer is. */
    private void httpError(ChannelHandlerContext ctx, Slot slot, FullHttpResponse response, String message,
            String method, long start) {
        String code = response.status().codeAsText().toString();
        metrics.request("-", method, code, System.nanoTime() - start);
        finish(ctx, slot, response, method, code + " " + message, List.of(), start);
    }

    private void finish(ChannelHandlerContext ctx, Slot slot, FullHttpResponse response, String method, String outcome,
            List<String> serials, long start) {
        HttpUtil.setKeepAlive(response, !slot.close);
        slot.response = response;
        if (access.isInfoEnabled()) {
            access.info("{} {} serial={} answer={} status={} bytes={} ms={}", client(ctx.channel().remoteAddress()),
                    method, serials.isEmpty() ? "-" : String.join(",", serials), outcome, response.status().code(),
                    response.content().readableBytes(), (System.nanoTime() - start) / 1_000_000.0);
        }
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().response != null) {
            Slot head = pending.poll();
            if (head.close) {
                ctx.write(head.response).addListener(ChannelFutureListener.CLOSE);
                pending.clear();
            } else {
                ctx.write(head.response);
            }
            wrote = true;
        }
        if (wrote && !reading) {
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection from {} failed: {}", client(ctx.channel().remoteAddress()), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Slot s : pending) {
            if (s.response != null) {
                s.response.release();
            }
        }
        pending.clear();
        super.channelInactive(ctx);
    }

    private static boolean isOcspRequestType(String type) {
        int semi = type.indexOf(';');
        String base = (semi < 0 ? type : type.substring(0, semi)).trim();
        return base.equalsIgnoreCase("application/ocsp-request");
    }

    /** The path of a request-target, without query, and without scheme and authority if absolute. */
    static String path(String uri) {
        String p = uri;
        int scheme = p.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int query = p.indexOf('?');
        return query < 0 ? p : p.substring(0, query);
    }

    private static String client(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
