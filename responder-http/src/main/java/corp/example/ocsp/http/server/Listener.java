package corp.example.ocsp.http.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/** One address to bind and the routes served on it (longest prefix first). */
public record Listener(InetSocketAddress address, List<Route> routes) {
    public Listener {
        Objects.requireNonNull(address, "address");
        routes = routes.stream()
                .sorted((a, b) ->
                        Integer.compare(b.prefix().length(), a.prefix().length()))
                .toList();
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("listener " + address + " has no responder");
        }
    }
}
