package corp.example.ocsp.http.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP checks a request passes before it reaches an {@link Endpoint}, in a fixed order: decoder
 * failure 400, or 413/431 for a request line, header block or body over the limit (the body's from
 * {@link InOrderAggregator}); an HTTP major version other than 1 505; method 405; route 404; POST
 * content type 415; undecodable GET path 400. The first two close the connection.
 */
final class HttpGuards {
    private HttpGuards() {}

    /** What the guards decided about one request. */
    sealed interface Verdict permits Ask, Refuse {}

    /** The request passed: {@code der} goes to {@code endpoint}; {@code ifNoneMatch} is null unless a GET has one. */
    record Ask(Endpoint endpoint, byte[] der, boolean get, String ifNoneMatch) implements Verdict {
        String method() {
            return get ? "GET" : "POST";
        }
    }

    /**
     * The request is answered with an HTTP error: {@code status} saying {@code message}, counted under
     * {@code method} ({@code -} when the request could not be read that far), and then the connection
     * is closed if {@code close}.
     */
    record Refuse(HttpResponseStatus status, String message, String method, boolean close) implements Verdict {
        /** The plain-text error, with {@code Allow} on a 405. */
        FullHttpResponse response(HttpVersion version) {
            FullHttpResponse response = HttpAnswers.error(version, status, message);
            if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
                response.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
            }
            return response;
        }
    }

    static Verdict check(FullHttpRequest request, List<Route> routes, HttpLimits limits) {
        if (request.decoderResult().isFailure()) {
            return decoderFailure(request.decoderResult().cause(), limits);
        }
        HttpVersion asked = request.protocolVersion();
        if (!asked.protocolName().equals("HTTP") || asked.majorVersion() != 1) {
            return new Refuse(
                    HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, asked + " not supported; use HTTP/1.1", "-", true);
        }
        HttpMethod method = request.method();
        String path = path(request.uri());
        if (!HttpMethod.GET.equals(method) && !HttpMethod.POST.equals(method)) {
            return refuse(
                    HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + method + " not allowed; use GET or POST",
                    method);
        }
        Route route = route(routes, path);
        if (route == null) {
            return refuse(HttpResponseStatus.NOT_FOUND, "no OCSP responder at " + path, method);
        }
        Endpoint endpoint = route.endpoint();
        if (HttpMethod.POST.equals(method)) {
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (type != null && !isOcspRequestType(type)) {
                return refuse(
                        HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type must be application/ocsp-request, not " + type,
                        method);
            }
            return new Ask(endpoint, ByteBufUtil.getBytes(request.content()), false, null);
        }
        Optional<byte[]> der = GetPathDecoder.decode(route.rest(path));
        if (der.isEmpty()) {
            return refuse(
                    HttpResponseStatus.BAD_REQUEST, "GET path is not a percent-encoded base64 OCSP request", method);
        }
        return new Ask(endpoint, der.get(), true, request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
    }

    /** The first route that serves {@code path}, or null (a loop: a stream's set-up was 1.6 % of the event loop). */
    private static Route route(List<Route> routes, String path) {
        for (Route r : routes) {
            if (r.matches(path)) {
                return r;
            }
        }
        return null;
    }

    private static Refuse refuse(HttpResponseStatus status, String message, HttpMethod method) {
        return new Refuse(status, message, method.name(), false);
    }

    /** 413 for a request line or body over the limit, 431 for headers, 400 for the rest; then close. */
    private static Refuse decoderFailure(Throwable cause, HttpLimits limits) {
        HttpResponseStatus status = cause instanceof TooLongHttpLineException
                ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : cause instanceof TooLongHttpHeaderException
                        ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : cause instanceof TooLongFrameException
                                ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                                : HttpResponseStatus.BAD_REQUEST;
        String why = status == HttpResponseStatus.BAD_REQUEST
                ? "malformed HTTP request"
                : status == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        ? "headers larger than " + limits.maxHeaderBytes() + " bytes"
                        : cause instanceof TooLongHttpContentException
                                ? "body larger than " + limits.maxBodyBytes() + " bytes"
                                : "request line longer than " + limits.maxUriBytes() + " bytes";
        return new Refuse(status, why, "-", true);
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
}
