package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * HTTP responses: OCSP answers as {@code 200 application/ocsp-response} with Content-Length, the
 * RFC 9919 §6 cache headers on cacheable GET answers ({@code Cache-Control: max-age=n, public,
 * no-transform, must-revalidate}, Last-Modified = producedAt, Expires = nextUpdate, a strong ETag =
 * hex SHA-256 of the body) and {@code Cache-Control: no-cache} on answers that are not
 * authoritative; and the short plain-text HTTP errors.
 */
final class HttpAnswers {
    static final String OCSP_RESPONSE = "application/ocsp-response";

    private HttpAnswers() {}

    /** The 200 answer; cache headers only when {@code get} and the answer is a cacheable signed one. */
    static FullHttpResponse ocsp(HttpVersion version, OcspAnswer answer, boolean get, Instant now, Duration maxAgeCap) {
        byte[] der = answer.der();
        FullHttpResponse response =
                new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.wrappedBuffer(der));
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, OCSP_RESPONSE);
        h.set(HttpHeaderNames.CONTENT_LENGTH, der.length);
        h.set(HttpHeaderNames.DATE, HttpDates.format(now));
        if (get
                && answer instanceof OcspAnswer.Signed signed
                && signed.caching().isPresent()) {
            OcspAnswer.Caching caching = signed.caching().get();
            // never past nextUpdate, nor past the time a newer response replaces this one (RFC 9919 §7.1)
            long maxAge = Math.min(Duration.between(now, signed.nextUpdate()).getSeconds(), maxAgeCap.getSeconds());
            if (caching.refreshAt().isAfter(now)) {
                maxAge = Math.min(
                        maxAge, Duration.between(now, caching.refreshAt()).getSeconds());
            }
            if (maxAge > 0) {
                h.set(HttpHeaderNames.CACHE_CONTROL, "max-age=" + maxAge + ", public, no-transform, must-revalidate");
                h.set(HttpHeaderNames.LAST_MODIFIED, HttpDates.format(signed.producedAt()));
                h.set(HttpHeaderNames.EXPIRES, HttpDates.format(signed.nextUpdate()));
                h.set(HttpHeaderNames.ETAG, caching.etag());
                return response;
            }
        }
        h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return response;
    }

    /** 304 for an If-None-Match that names the current ETag. */
    static FullHttpResponse notModified(HttpVersion version, FullHttpResponse full) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(version, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
        for (CharSequence name : new CharSequence[] {
            HttpHeaderNames.DATE,
            HttpHeaderNames.CACHE_CONTROL,
            HttpHeaderNames.LAST_MODIFIED,
            HttpHeaderNames.EXPIRES,
            HttpHeaderNames.ETAG
        }) {
            String value = full.headers().get(name);
            if (value != null) {
                response.headers().set(name, value);
            }
        }
        return response;
    }

    /** A plain-text HTTP error: {@code message} and a newline. */
    static FullHttpResponse error(HttpVersion version, HttpResponseStatus status, String message) {
        return text(version, status, message, "text/plain; charset=utf-8", HttpHeaderValues.NO_CACHE);
    }

    /** A text answer (the errors, and the admin listener's): {@code body}, ending in a newline, as {@code type}. */
    static FullHttpResponse text(
            HttpVersion version, HttpResponseStatus status, String body, String type, CharSequence cacheControl) {
        byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        return response;
    }
}
