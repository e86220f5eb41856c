package corp.example.ocsp.http.server;

import corp.example.ocsp.core.FirstLook;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.response.ErrorStatus;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link Responder} behind a bounded executor. What the responder can answer without blocking
 * (cached responses, malformed requests, foreign issuers) is answered on the calling event loop;
 * lookups and signing go to the executor. When the executor refuses work (its queue is full) the
 * answer is {@code tryLater} at once, never a hang, and cached answers keep flowing.
 */
public final class ResponderEndpoint implements Endpoint {
    private final Responder responder;
    private final Executor executor;

    public ResponderEndpoint(Responder responder, Executor executor) {
        this.responder = responder;
        this.executor = executor;
    }

    @Override
    public String name() {
        return responder.name();
    }

    @Override
    public CompletableFuture<OcspAnswer> answer(byte[] request) {
        return answer(request, false);
    }

    /**
     * Live answers that cannot block (a nonce echoed with a cached status, a P-256 key in memory:
     * {@link Responder#respondWithoutBlocking}) are signed on the event loop for a connection that
     * closes after them: for a connection per request (HTTP/1.0) the hand-off to a signing thread
     * and the wake-up with its answer cost more than the signature (measured: nonce HTTP/1.0 with
     * ab -c 8, 9,653-13,005 answers/s through the executor, 13,386-17,051 on the loop). Keep-alive
     * connections still hand off, which keeps the other cores signing while the loop reads
     * (nonce keep-alive with wrk -c32: 32,000 answers/s through the executor, 21,700 on the loop).
     */
    @Override
    public CompletableFuture<OcspAnswer> answerLast(byte[] request) {
        return answer(request, true);
    }

    private CompletableFuture<OcspAnswer> answer(byte[] request, boolean last) {
        FirstLook first = responder.look(request);
        if (first instanceof FirstLook.Answered answered) {
            return CompletableFuture.completedFuture(answered.answer());
        }
        FirstLook.Pending pending = (FirstLook.Pending) first;
        if (last) {
            Optional<OcspAnswer> now = responder.respondWithoutBlocking(pending);
            if (now.isPresent()) {
                return CompletableFuture.completedFuture(now.get());
            }
        }
        try {
            return CompletableFuture.supplyAsync(() -> responder.respond(pending), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(
                    new OcspAnswer.Unsigned(ErrorStatus.TRY_LATER, pending.serials(), "signing queue full"));
        }
    }
}
