package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import java.util.concurrent.CompletableFuture;

/**
 * One responder as the HTTP layer sees it. {@link #answer} is called on an event loop and must not
 * block: it either answers at once ({@link Reply.Now}: a cached response, or an error decided by
 * parsing) or hands the work to an executor ({@link Reply.Later}).
 */
public interface Endpoint {

    /** The responder's name, for logs and metrics. */
    String name();

    /** The answer to the DER request {@code request}. */
    Reply answer(byte[] request);

    /** How an answer comes. */
    sealed interface Reply permits Reply.Now, Reply.Later {
        /** Answered on the calling thread; {@code cached} when it is a response signed earlier. */
        record Now(OcspAnswer answer, boolean cached) implements Reply {
        }

        /** Completes on another thread; never exceptionally. */
        record Later(CompletableFuture<OcspAnswer> answer) implements Reply {
        }
    }
}
