package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.response.ErrorStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link Responder} behind a bounded executor: every request is parsed, looked up and signed off
 * the event loop. When the executor refuses work (its queue is full) the answer is {@code tryLater}
 * at once, never a hang.
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
        try {
            return CompletableFuture.supplyAsync(() -> responder.respond(request), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(
                    OcspAnswer.error(ErrorStatus.TRY_LATER, List.of(), "signing queue full"));
        }
    }
}
