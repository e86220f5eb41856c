package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Outcome;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCounted;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response: the HTTP version to answer in, whether the connection closes
 * after it, when it arrived, and its place in its {@link Connection}'s in-order queue. It is
 * answered either with an HTTP error ({@link #refuse}) or by its endpoint ({@link #ask}); either
 * way the answer is counted, logged as one access-log line and queued for writing.
 */
final class Exchange {
    private static final Logger access = LoggerFactory.getLogger(AccessLog.LOGGER);
    private static final Logger log = LoggerFactory.getLogger(OcspHttpHandler.class);
    /** The access log's outcome of an answer from the cache ("good cached"), made once, not per request. */
    private static final String[] CACHED_LABELS =
            Arrays.stream(Outcome.values()).map(o -> o.label() + " cached").toArray(String[]::new);

    private final Connection connection;
    private final HttpVersion version;
    private final long start;
    private boolean close;
    private ReferenceCounted response;

    private Exchange(Connection connection, HttpVersion version, boolean close, long start) {
        this.connection = connection;
        this.version = version;
        this.close = close;
        this.start = start;
    }

    /** The exchange for {@code request}, queued behind the ones before it on {@code connection}. */
    static Exchange open(Connection connection, FullHttpRequest request) {
        long start = System.nanoTime();
        HttpVersion version =
                HttpVersion.HTTP_1_0.equals(request.protocolVersion()) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        Exchange exchange = new Exchange(connection, version, !HttpUtil.isKeepAlive(request), start);
        connection.enqueue(exchange);
        return exchange;
    }

    /** True when the connection closes after this response. */
    boolean closes() {
        return close;
    }

    /** The response, once there is one: a FullHttpResponse or an {@link OcspHttpCodec.EncodedAnswer}. */
    ReferenceCounted response() {
        return response;
    }

    /** Answers with the HTTP error the guards chose. */
    void refuse(HttpGuards.Refuse refusal) {
        close |= refusal.close();
        httpError(refusal.response(version), refusal.message(), refusal.method());
    }

    /**
     * Asks the endpoint and answers when it has, on the event loop. The answer says itself whether it
     * came from the responder's cache ({@link OcspAnswer.Signed#cached()}).
     */
    void ask(HttpGuards.Ask ask) {
        // an answer given at once comes as a completed future: this runs at once, on the event loop
        (close ? ask.endpoint().answerLast(ask.der()) : ask.endpoint().answer(ask.der()))
                .whenComplete((answer, error) -> connection.onLoop(() -> answered(ask, answer, error)));
    }

    private void answered(HttpGuards.Ask ask, OcspAnswer answer, Throwable error) {
        if (error != null || answer == null) {
            log.error("responder {}: answering failed", ask.endpoint().name(), error);
            httpError(
                    HttpAnswers.error(version, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error"),
                    "internal error",
                    ask.method());
            return;
        }
        Instant now = connection.clock().instant();
        HttpAnswers.AnswerHeaders headers = HttpAnswers.headers(answer, ask.get(), now, connection.maxAge());
        boolean cached = answer instanceof OcspAnswer.Signed signed && signed.cached();
        String outcome = cached
                ? CACHED_LABELS[answer.outcome().ordinal()]
                : answer.outcome().label();
        connection
                .metrics()
                .request(ask.endpoint().name(), ask.method(), answer.outcome().label(), System.nanoTime() - start);
        if (cached) {
            connection.metrics().cacheHit(ask.endpoint().name());
        }
        String etag = headers.etag();
        String ifNoneMatch = ask.ifNoneMatch();
        if (etag != null
                && ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            FullHttpResponse notModified = HttpAnswers.notModified(version, headers);
            HttpUtil.setKeepAlive(notModified, !close);
            finish(
                    notModified,
                    304,
                    0,
                    ask.method(),
                    outcome + " 304",
                    answer.serials(),
                    ask.endpoint().name());
            return;
        }
        byte[] der = answer.der();
        finish(
                HttpAnswers.encoded(connection.alloc(), version, der, headers, close),
                200,
                der.length,
                ask.method(),
                outcome,
                answer.serials(),
                ask.endpoint().name());
    }

    /** Sends {@code error}, an HTTP error saying {@code message}, counted and logged as every answer is. */
    private void httpError(FullHttpResponse error, String message, String method) {
        String code = error.status().codeAsText().toString();
        connection.metrics().request("-", method, code, System.nanoTime() - start);
        HttpUtil.setKeepAlive(error, !close);
        finish(
                error,
                error.status().code(),
                error.content().readableBytes(),
                method,
                code + " " + message,
                List.of(),
                "-");
    }

    /**
     * Logs and queues {@code answer}: a FullHttpResponse, or an {@link OcspHttpCodec.EncodedAnswer}
     * that already says whether the connection stays open.
     */
    private void finish(
            ReferenceCounted answer,
            int status,
            int bytes,
            String method,
            String outcome,
            List<String> serials,
            String responder) {
        response = answer;
        if (access.isInfoEnabled()) {
            access.info(
                    AccessLog.MESSAGE,
                    connection.client(),
                    method,
                    serials.isEmpty() ? "-" : String.join(",", serials),
                    outcome,
                    status,
                    bytes,
                    AccessLog.millis(System.nanoTime() - start),
                    responder);
        }
        connection.writeReady();
    }
}
