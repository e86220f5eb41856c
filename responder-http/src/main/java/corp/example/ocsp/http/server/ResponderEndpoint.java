package corp.example.ocsp.http.server;

import corp.example.ocsp.core.FirstLook;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.response.ErrorStatus;
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
        FirstLook first = responder.look(request);
        if (first instanceof FirstLook.Answered answered) {
            return CompletableFuture.completedFuture(answered.answer());
        }
        FirstLook.Pending pending = (FirstLook.Pending) first;
        try {
            return CompletableFuture.supplyAsync(() -> responder.respond(pending), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(
                    new OcspAnswer.Unsigned(ErrorStatus.TRY_LATER, pending.serials(), "signing queue full"));
        }
    }
}
