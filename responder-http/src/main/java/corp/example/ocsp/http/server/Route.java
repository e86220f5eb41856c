package corp.example.ocsp.http.server;

import java.util.Objects;

/**
 * A path prefix on a listener and the responder behind it. The prefix starts and ends with
 * {@code /}: {@code /} answers everything on the port, {@code /root/} only paths below it.
 */
public record Route(String prefix, Endpoint endpoint) {
    public Route {
        Objects.requireNonNull(endpoint, "endpoint");
        prefix = normalize(prefix);
    }

    static String normalize(String prefix) {
        String p = prefix == null || prefix.isBlank() ? "/" : prefix.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.endsWith("/") ? p : p + "/";
    }

    /** True when {@code path} (without query) is this route's prefix or below it. */
    boolean matches(String path) {
        return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
    }

    /** The part of {@code path} after the prefix (empty for the prefix itself). */
    String rest(String path) {
        return path.length() <= prefix.length() ? "" : path.substring(prefix.length());
    }
}
