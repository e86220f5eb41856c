package corp.example.ocsp.http.check;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A stand-in OCSP responder on a free loopback port: {@code answer} turns each request body into
 * the response body (200, application/ocsp-response), or {@link #silent} holds the request until
 * the test ends. Stopped by {@link #close}.
 */
final class StandIn implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);

    private StandIn(int status, UnaryOperator<byte[]> answer, boolean silent) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (silent) {
                try {
                    released.await(60, TimeUnit.SECONDS); // until the test is over: the client gives up first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] body = answer.apply(request);
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Answers 200 with what {@code answer} makes of the request. */
    static StandIn answering(UnaryOperator<byte[]> answer) throws IOException {
        return new StandIn(200, answer, false);
    }

    /** Answers every request with {@code status} and {@code body}. */
    static StandIn status(int status, byte[] body) throws IOException {
        return new StandIn(status, r -> body, false);
    }

    /** Reads the request and never answers. */
    static StandIn silent() throws IOException {
        return new StandIn(200, r -> r, true);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
