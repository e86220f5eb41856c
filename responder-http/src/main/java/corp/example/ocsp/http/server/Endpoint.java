package corp.example.ocsp.http.server;

import corp.example.ocsp.core.OcspAnswer;
import java.util.concurrent.CompletableFuture;

/**
 * One responder as the HTTP layer sees it. {@link #answer} is called on an event loop and must not
 * block: it either completes at once (an answer it already holds) or hands the work to an executor.
 */
public interface Endpoint {

    /** The responder's name, for logs and metrics. */
    String name();

    /** The answer to the DER request {@code request}; never completes exceptionally. */
    CompletableFuture<OcspAnswer> answer(byte[] request);
}
