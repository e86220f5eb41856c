package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP checks before a request reaches its endpoint: their order, statuses and texts. */
class HttpGuardsTest {
    private static final byte[] DER = {0x30, 0x03, 0x02, 0x01, 0x01};
    private static final Endpoint OCSP = ExampleServer.fixedEndpoint("ocsp", null); // the guards never ask it
    private static final List<Route> ROUTES = List.of(new Route("/ocsp/", OCSP));

    private static FullHttpRequest request(HttpVersion version, HttpMethod method, String uri, String... headers) {
        FullHttpRequest r = new DefaultFullHttpRequest(version, method, uri, Unpooled.wrappedBuffer(DER));
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        return r;
    }

    private static HttpGuards.Verdict check(FullHttpRequest request) {
        try {
            return HttpGuards.check(request, ROUTES, HttpLimits.defaults());
        } finally {
            request.release();
        }
    }

    private static HttpGuards.Refuse refused(FullHttpRequest request) {
        HttpGuards.Verdict verdict = check(request);
        assertThat(verdict).isInstanceOf(HttpGuards.Refuse.class);
        return (HttpGuards.Refuse) verdict;
    }

    private static FullHttpRequest failed(Throwable cause) {
        FullHttpRequest r = request(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/nope");
        r.setDecoderResult(DecoderResult.failure(cause));
        return r;
    }

    @Test
    void decoderFailures_comeFirst_namingTheLimit_andClose() {
        assertThat(refused(failed(new TooLongHttpLineException("x"))))
                .isEqualTo(new HttpGuards.Refuse(
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request line longer than 8192 bytes", "-", true));
        assertThat(refused(failed(new TooLongHttpHeaderException("x"))))
                .isEqualTo(new HttpGuards.Refuse(
                        HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "headers larger than 8192 bytes",
                        "-",
                        true));
        assertThat(refused(failed(new TooLongHttpContentException("x"))))
                .isEqualTo(new HttpGuards.Refuse(
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body larger than 16384 bytes", "-", true));
        assertThat(refused(failed(new IllegalArgumentException("x"))))
                .isEqualTo(new HttpGuards.Refuse(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request", "-", true));
    }

    @Test
    void versionOtherThanHttp1_is505AndCloses_beforeTheMethodIsLookedAt() {
        HttpGuards.Refuse r = refused(request(new HttpVersion("HTTP/2.0", true), HttpMethod.PUT, "/nope"));
        assertThat(r.status().code()).isEqualTo(505);
        assertThat(r.message()).isEqualTo("HTTP/2.0 not supported; use HTTP/1.1");
        assertThat(r.close()).isTrue();
    }

    @Test
    void methodComesBeforeRoute_andItsAnswerSaysAllow() {
        HttpGuards.Refuse r = refused(request(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/nope"));
        assertThat(r.status().code()).isEqualTo(405);
        assertThat(r.message()).isEqualTo("method PUT not allowed; use GET or POST");
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.close()).isFalse();
        var response = r.response(HttpVersion.HTTP_1_1);
        try {
            assertThat(response.headers().get("Allow")).isEqualTo("GET, POST");
        } finally {
            response.release();
        }
    }

    @Test
    void routeComesBeforeContentType() {
        HttpGuards.Refuse r =
                refused(request(HttpVersion.HTTP_1_1, HttpMethod.POST, "/nope?x=1", "Content-Type", "text/plain"));
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(r.message()).isEqualTo("no OCSP responder at /nope");
    }

    @Test
    void post_otherContentTypeIs415_ocspRequestWithParametersOrNoneIsAsked() {
        HttpGuards.Refuse r =
                refused(request(HttpVersion.HTTP_1_1, HttpMethod.POST, "/ocsp/", "Content-Type", "text/plain"));
        assertThat(r.status().code()).isEqualTo(415);
        assertThat(r.message()).isEqualTo("Content-Type must be application/ocsp-request, not text/plain");

        for (String[] headers : new String[][] {{}, {"Content-Type", "Application/OCSP-Request ; q=1"}}) {
            HttpGuards.Verdict asked = check(request(HttpVersion.HTTP_1_0, HttpMethod.POST, "/ocsp", headers));
            assertThat(asked).isInstanceOf(HttpGuards.Ask.class);
            HttpGuards.Ask ask = (HttpGuards.Ask) asked;
            assertThat(ask.endpoint()).isSameAs(OCSP);
            assertThat(ask.der()).isEqualTo(DER);
            assertThat(ask.method()).isEqualTo("POST");
        }
    }

    @Test
    void get_undecodablePathIs400_aDecodablePathIsAskedWithItsIfNoneMatch() {
        HttpGuards.Refuse r = refused(request(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ocsp/not*base64!"));
        assertThat(r.status().code()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("GET path is not a percent-encoded base64 OCSP request");

        String path = "http://ocsp.example/ocsp/" + Base64.getEncoder().encodeToString(DER) + "?ignored";
        HttpGuards.Ask ask =
                (HttpGuards.Ask) check(request(HttpVersion.HTTP_1_1, HttpMethod.GET, path, "If-None-Match", "\"abc\""));
        assertThat(ask.der()).isEqualTo(DER);
        assertThat(ask.get()).isTrue();
        assertThat(ask.ifNoneMatch()).isEqualTo("\"abc\"");
    }
}
