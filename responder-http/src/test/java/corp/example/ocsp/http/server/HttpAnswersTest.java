package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OCSP answers written as bytes are the bytes Netty's encoder makes of the same response. */
class HttpAnswersTest {
    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00.400Z");
    private static final byte[] DER = new byte[845];

    static {
        for (int i = 0; i < DER.length; i++) {
            DER[i] = (byte) (i * 7);
        }
    }

    @Test
    void everyAnswerIsTheBytesNettysEncoderWritesForTheSameHeaders() {
        OcspAnswer cacheable = signed(Optional.of(OcspAnswer.Caching.of(NOW.plusSeconds(1800), DER)));
        OcspAnswer notCacheable = signed(Optional.empty());
        for (HttpVersion version : List.of(HttpVersion.HTTP_1_0, HttpVersion.HTTP_1_1)) {
            for (boolean close : new boolean[] {false, true}) {
                for (boolean get : new boolean[] {false, true}) {
                    for (OcspAnswer answer : List.of(cacheable, notCacheable)) {
                        HttpAnswers.AnswerHeaders h = HttpAnswers.headers(answer, get, NOW, Duration.ofDays(1));
                        String what = version
                                + (close ? " close" : " keep-alive")
                                + (get ? " GET " : " POST ")
                                + (answer == cacheable ? "cacheable" : "no-cache");
                        assertThat(encoded(version, h, close)).as(what).isEqualTo(netty(version, h, close));
                    }
                }
            }
        }
    }

    @Test
    void aCacheableGetAnswerCarriesTheCacheHeadersAndAPostAnswerNoCache() {
        OcspAnswer answer = signed(Optional.of(OcspAnswer.Caching.of(NOW.plusSeconds(1800), DER)));
        String get =
                head(encoded(HttpVersion.HTTP_1_1, HttpAnswers.headers(answer, true, NOW, Duration.ofDays(1)), false));
        assertThat(get)
                .startsWith("HTTP/1.1 200 OK\r\ncontent-type: application/ocsp-response\r\ncontent-length: 845\r\n")
                .contains("date: Wed, 02 Dec 2026 04:00:00 GMT\r\n")
                .contains("cache-control: max-age=1800, public, no-transform, must-revalidate\r\n")
                .contains("etag: \"")
                .doesNotContain("connection");
        String post =
                head(encoded(HttpVersion.HTTP_1_0, HttpAnswers.headers(answer, false, NOW, Duration.ofDays(1)), true));
        assertThat(post)
                .startsWith("HTTP/1.0 200 OK\r\n")
                .contains("cache-control: no-cache\r\n")
                .doesNotContain("etag");
    }

    private static OcspAnswer.Signed signed(Optional<OcspAnswer.Caching> caching) {
        Instant thisUpdate = Instant.parse("2026-12-02T03:59:00Z");
        return new OcspAnswer.Signed(
                DER,
                Outcome.GOOD,
                thisUpdate,
                thisUpdate.plus(Duration.ofDays(7)).minusSeconds(1),
                Instant.parse("2026-12-02T03:59:30Z"),
                NOW.plus(Duration.ofDays(300)),
                caching,
                List.of("01"),
                true);
    }

    private static byte[] encoded(HttpVersion version, HttpAnswers.AnswerHeaders h, boolean close) {
        OcspHttpCodec.EncodedAnswer answer =
                HttpAnswers.encoded(PooledByteBufAllocator.DEFAULT, version, DER, h, close);
        try {
            return ByteBufUtil.getBytes(answer.content());
        } finally {
            answer.release();
        }
    }

    /** The response as the handler built it before answers were written as bytes, through Netty's encoder. */
    private static byte[] netty(HttpVersion version, HttpAnswers.AnswerHeaders h, boolean close) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.wrappedBuffer(DER));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpAnswers.OCSP_RESPONSE);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, DER.length);
        response.headers().set(HttpHeaderNames.DATE, h.date());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, h.cacheControl());
        if (h.etag() != null) {
            response.headers().set(HttpHeaderNames.LAST_MODIFIED, h.lastModified());
            response.headers().set(HttpHeaderNames.EXPIRES, h.expires());
            response.headers().set(HttpHeaderNames.ETAG, h.etag());
        }
        HttpUtil.setKeepAlive(response, !close);
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        channel.writeOutbound(response);
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            all.writeBytes(b);
            b.release();
        }
        channel.finishAndReleaseAll();
        return ByteBufUtil.getBytes(all);
    }

    private static String head(byte[] response) {
        String text = new String(response, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n") + 4);
    }
}
