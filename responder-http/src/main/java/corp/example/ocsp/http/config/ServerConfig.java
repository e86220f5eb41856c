package corp.example.ocsp.http.config;

import corp.example.ocsp.core.ResponderSettings;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.http.server.HttpLimits;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The whole configuration, validated. Built by {@link ConfigFile#load}. */
public record ServerConfig(
        Path file, Database database, Server server, Cache cache, Optional<InetSocketAddress> admin,
        List<ResponderConfig> responders) {

    /** The response cache, and the threads that fill and refresh it. */
    public record Cache(CacheSettings settings, int threads) {
    }

    /** Where the status store is; {@code embedded} runs a PostgreSQL inside the process (the demo). */
    public record Database(PostgresStoreConfig store, Optional<Embedded> embedded) {
    }

    /** An embedded PostgreSQL whose data lives in {@code dataDir}, listening on loopback {@code port}. */
    public record Embedded(Path dataDir, int port) {
    }

    /** Threads, queues and HTTP limits shared by every listener. */
    public record Server(int ioThreads, int signingThreads, int signingQueue, SignatureProvider signingProvider,
            HttpLimits limits, Duration shutdownGrace, Duration certificateExpiryWarning) {
    }

    /** One responder: where it listens, its policies, and its CAs. */
    public record ResponderConfig(String name, InetSocketAddress listen, String path, ResponderSettings settings,
            List<IssuerConfig> issuers) {
    }

    /** A CA the responder answers for, by its store label, with the signer of its responses. */
    public record IssuerConfig(String label, Path certificate, SignerConfig signer) {
    }

    /** A signer from PEM files ({@code certificate} + {@code key}) or from a PKCS#12 file. */
    public record SignerConfig(Optional<Path> certificate, Optional<Path> key, Optional<Path> pkcs12, char[] password) {
    }
}
