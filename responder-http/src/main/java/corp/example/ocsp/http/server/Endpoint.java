package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import java.util.concurrent.CompletableFuture;

/**
 * One responder as the HTTP layer sees it. {@link #answer} is called on an event loop and must not
 * block: what it can answer at once (a cached response, or an error decided by parsing) comes as an
 * already completed future, whose callback then runs on the event loop at once; the rest completes
 * on an executor.
 */
public interface Endpoint {

    /** The responder's name, for logs and metrics. */
    String name();

    /**
     * The answer to the DER request {@code request}; the future never completes exceptionally. An
     * answer served from the responder's cache says {@link OcspAnswer.Signed#cached()}.
     */
    CompletableFuture<OcspAnswer> answer(byte[] request);

    /**
     * As {@link #answer(byte[])}, for a request after which the connection closes (HTTP/1.0, as
     * Apache and nginx fetch): such a client waits for each answer before its next connection, so an
     * endpoint may finish on the event loop what it would otherwise hand to an executor, when that
     * cannot block.
     */
    default CompletableFuture<OcspAnswer> answerLast(byte[] request) {
        return answer(request);
    }
}
