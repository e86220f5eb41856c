package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.http.server.HttpDates.HttpDate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
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
    private static final String NO_CACHE = HttpHeaderValues.NO_CACHE.toString();
    /** Room for the status line and headers of an answer (about 350 bytes with every cache header). */
    private static final int HEAD_ROOM = 512;

    private static final short CRLF = ('\r' << 8) | '\n';
    private static final short COLON_SPACE = (':' << 8) | ' ';
    private static final byte[] STATUS_10 = ascii("HTTP/1.0 200 OK\r\n");
    private static final byte[] STATUS_11 = ascii("HTTP/1.1 200 OK\r\n");
    private static final byte[] CONTENT_TYPE = ascii(HttpHeaderNames.CONTENT_TYPE + ": " + OCSP_RESPONSE + "\r\n");
    private static final byte[] KEEP_ALIVE =
            ascii(HttpHeaderNames.CONNECTION + ": " + HttpHeaderValues.KEEP_ALIVE + "\r\n");
    private static final byte[] CLOSE = ascii(HttpHeaderNames.CONNECTION + ": " + HttpHeaderValues.CLOSE + "\r\n");
    private static final String CACHEABLE = ", public, no-transform, must-revalidate";
    private static final byte[] CONTENT_LENGTH = ascii(HttpHeaderNames.CONTENT_LENGTH + ": ");
    private static final byte[] MAX_AGE = ascii(HttpHeaderNames.CACHE_CONTROL + ": max-age=");
    private static final byte[] CACHEABLE_LINE = ascii(CACHEABLE + "\r\n");
    private static final byte[] NO_CACHE_LINE = ascii(HttpHeaderNames.CACHE_CONTROL + ": " + NO_CACHE + "\r\n");
    private static final byte[] ETAG = ascii(HttpHeaderNames.ETAG + ": ");

    private HttpAnswers() {}

    /**
     * The headers of a 200 answer that depend on the answer and the time: Date, Cache-Control
     * ({@code max-age}, or no-cache when it is 0), and, when {@code get} and the answer is a
     * cacheable signed one, Last-Modified, Expires and ETag (null otherwise).
     */
    record AnswerHeaders(HttpDate date, long maxAge, HttpDate lastModified, HttpDate expires, String etag) {
        String cacheControl() {
            return maxAge > 0 ? "max-age=" + maxAge + CACHEABLE : NO_CACHE;
        }
    }

    /** The answer's headers; cache headers only when {@code get} and the answer is a cacheable signed one. */
    static AnswerHeaders headers(OcspAnswer answer, boolean get, Instant now, Duration maxAgeCap) {
        HttpDate date = HttpDates.of(now);
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
                return new AnswerHeaders(
                        date,
                        maxAge,
                        HttpDates.of(signed.producedAt()),
                        HttpDates.of(signed.nextUpdate()),
                        caching.etag());
            }
        }
        return new AnswerHeaders(date, 0, null, null, null);
    }

    /**
     * The whole 200 response, status line, headers and {@code der}, in one buffer from {@code alloc}:
     * the bytes Netty's encoder writes for the same response (Content-Type, Content-Length, Date,
     * Cache-Control, the cache headers, then Connection as keep-alive requires), without a header
     * map, per-header validation, a second buffer or a String per value: the dates are written from
     * their memoized bytes, the numbers as digits. Every value is made here (numbers, HTTP-dates, a
     * hex ETag), never taken from a request, so none can carry a line break.
     */
    static OcspHttpCodec.EncodedAnswer encoded(
            ByteBufAllocator alloc, HttpVersion version, byte[] der, AnswerHeaders h, boolean close) {
        ByteBuf out = alloc.directBuffer(HEAD_ROOM + der.length);
        out.writeBytes(version == HttpVersion.HTTP_1_0 ? STATUS_10 : STATUS_11);
        out.writeBytes(CONTENT_TYPE);
        out.writeBytes(CONTENT_LENGTH);
        digits(out, der.length);
        out.writeShort(CRLF);
        header(out, HttpHeaderNames.DATE, h.date().ascii());
        if (h.maxAge() > 0) {
            out.writeBytes(MAX_AGE);
            digits(out, h.maxAge());
            out.writeBytes(CACHEABLE_LINE);
        } else {
            out.writeBytes(NO_CACHE_LINE);
        }
        if (h.etag() != null) {
            header(out, HttpHeaderNames.LAST_MODIFIED, h.lastModified().ascii());
            header(out, HttpHeaderNames.EXPIRES, h.expires().ascii());
            out.writeBytes(ETAG);
            out.writeCharSequence(h.etag(), StandardCharsets.US_ASCII);
            out.writeShort(CRLF);
        }
        if (version == HttpVersion.HTTP_1_0 && !close) {
            out.writeBytes(KEEP_ALIVE);
        } else if (version != HttpVersion.HTTP_1_0 && close) {
            out.writeBytes(CLOSE);
        }
        out.writeShort(CRLF);
        out.writeBytes(der);
        return new OcspHttpCodec.EncodedAnswer(out);
    }

    private static void header(ByteBuf out, AsciiString name, byte[] value) {
        out.writeBytes(name.array(), name.arrayOffset(), name.length());
        out.writeShort(COLON_SPACE);
        out.writeBytes(value);
        out.writeShort(CRLF);
    }

    /** {@code value} (not negative) in decimal ASCII. */
    private static void digits(ByteBuf out, long value) {
        int n = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            n++;
        }
        int at = out.writerIndex();
        out.ensureWritable(n);
        for (int i = n - 1; i >= 0; i--, value /= 10) {
            out.setByte(at + i, '0' + (int) (value % 10));
        }
        out.writerIndex(at + n);
    }

    /** 304 for an If-None-Match that names the current ETag: the 200's headers without the body's. */
    static FullHttpResponse notModified(HttpVersion version, AnswerHeaders h) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(version, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.DATE, h.date().text());
        headers.set(HttpHeaderNames.CACHE_CONTROL, h.cacheControl());
        headers.set(HttpHeaderNames.LAST_MODIFIED, h.lastModified().text());
        headers.set(HttpHeaderNames.EXPIRES, h.expires().text());
        headers.set(HttpHeaderNames.ETAG, h.etag());
        return response;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
