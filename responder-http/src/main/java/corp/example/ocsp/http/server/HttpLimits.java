package corp.example.ocsp.http.server;

import java.time.Duration;

/**
 * What one client may send and hold. Start from {@link #defaults()} and change what differs with the
 * {@code withX} methods, rather than naming seven values by position.
 *
 * @param maxBodyBytes    largest POST body; more gets 413
 * @param maxUriBytes     longest request line (GET carries the request in it); more gets 413
 * @param maxHeaderBytes  largest header block; more gets 431
 * @param requestTimeout  time from a request's first byte to its last; then 408 and close
 * @param idleTimeout     time a keep-alive connection may sit without a request; then close
 * @param maxConnections  open connections across all listeners; more are closed at once
 * @param maxAge          cap on Cache-Control max-age for cacheable GET answers (never past nextUpdate)
 */
public record HttpLimits(
        int maxBodyBytes,
        int maxUriBytes,
        int maxHeaderBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnections,
        Duration maxAge) {

    public static HttpLimits defaults() {
        return new HttpLimits(
                16 * 1024,
                8 * 1024,
                8 * 1024,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                10_000,
                Duration.ofHours(1));
    }

    public HttpLimits withMaxBodyBytes(int bytes) {
        return new HttpLimits(bytes, maxUriBytes, maxHeaderBytes, requestTimeout, idleTimeout, maxConnections, maxAge);
    }

    public HttpLimits withMaxUriBytes(int bytes) {
        return new HttpLimits(maxBodyBytes, bytes, maxHeaderBytes, requestTimeout, idleTimeout, maxConnections, maxAge);
    }

    public HttpLimits withMaxHeaderBytes(int bytes) {
        return new HttpLimits(maxBodyBytes, maxUriBytes, bytes, requestTimeout, idleTimeout, maxConnections, maxAge);
    }

    public HttpLimits withRequestTimeout(Duration timeout) {
        return new HttpLimits(maxBodyBytes, maxUriBytes, maxHeaderBytes, timeout, idleTimeout, maxConnections, maxAge);
    }

    public HttpLimits withIdleTimeout(Duration timeout) {
        return new HttpLimits(
                maxBodyBytes, maxUriBytes, maxHeaderBytes, requestTimeout, timeout, maxConnections, maxAge);
    }

    public HttpLimits withMaxConnections(int connections) {
        return new HttpLimits(
                maxBodyBytes, maxUriBytes, maxHeaderBytes, requestTimeout, idleTimeout, connections, maxAge);
    }

    public HttpLimits withMaxAge(Duration cap) {
        return new HttpLimits(
                maxBodyBytes, maxUriBytes, maxHeaderBytes, requestTimeout, idleTimeout, maxConnections, cap);
    }
}
