package corp.example.ocsp.http.config;

import corp.example.ocsp.core.ResponderSettings;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Key;
import corp.example.ocsp.http.server.HttpLimits;
import corp.example.ocsp.http.source.IssuerSourceSettings;
import corp.example.ocsp.http.source.SourceSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, validated. Built by {@link ConfigFile#load}. The defaults of each
 * section are here (or in the core record a section fills): {@link ConfigFile} reads them from here,
 * and the shipped {@code config/responder.yaml} documents them.
 */
public record ServerConfig(
        Path file,
        SourceSettings source,
        Server server,
        Cache cache,
        Optional<InetSocketAddress> admin,
        List<ResponderConfig> responders,
        Optional<String> logFormat) {

    /** Without a log format of its own: logging stays as Logback was configured. */
    public ServerConfig(
            Path file,
            SourceSettings source,
            Server server,
            Cache cache,
            Optional<InetSocketAddress> admin,
            List<ResponderConfig> responders) {
        this(file, source, server, cache, admin, responders, Optional.empty());
    }

    /** The environment variable (or system property) that sets the log format, and wins over the file. */
    public static final String LOG_FORMAT_VARIABLE = "OCSP_LOG_FORMAT";

    /** The admin listener's default address. */
    public static final String DEFAULT_ADMIN_LISTEN = "127.0.0.1:9402";

    /** The response cache, and the threads that fill and refresh it. */
    public record Cache(CacheSettings settings, int threads) {
        /** {@link CacheSettings#defaults()} with one re-signing thread. */
        public static Cache defaults() {
            return new Cache(CacheSettings.defaults(), 1);
        }
    }

    /** Threads, queues and HTTP limits shared by every listener. */
    public record Server(
            int ioThreads,
            int signingThreads,
            int signingQueue,
            SignatureProvider signingProvider,
            HttpLimits limits,
            Duration shutdownGrace,
            Duration certificateExpiryWarning) {
        /**
         * Event loops 0 (half the CPUs, at least one), signing threads one per CPU (at least 2), a
         * queue of 1000, provider auto, {@link HttpLimits#defaults()}, 10 s grace, warn 30 days ahead.
         */
        public static Server defaults() {
            return new Server(
                    0,
                    Math.max(2, Runtime.getRuntime().availableProcessors()),
                    1000,
                    SignatureProvider.AUTO,
                    HttpLimits.defaults(),
                    Duration.ofSeconds(10),
                    Duration.ofDays(30));
        }
    }

    /** One responder: where it listens, its policies, and its CAs. */
    public record ResponderConfig(
            String name,
            InetSocketAddress listen,
            String path,
            ResponderSettings settings,
            List<IssuerConfig> issuers) {
        public static final String DEFAULT_LISTEN = "0.0.0.0:9401";
        public static final String DEFAULT_PATH = "/";
    }

    /**
     * A CA the responder answers for, by its store label, with the signer of its responses and, if it
     * keeps its own records ({@code index:}), its own status source.
     */
    public record IssuerConfig(
            String label, Path certificate, SignerConfig signer, Optional<IssuerSourceSettings> source) {}

    /**
     * A signer from PEM files ({@code certificate} + {@code key}), from a PKCS#12 file, or a key on a
     * PKCS#11 token ({@code pkcs11}, with the {@code certificate} file or the one on the token).
     */
    public record SignerConfig(
            Optional<Path> certificate,
            Optional<Path> key,
            Optional<Path> pkcs12,
            char[] password,
            Optional<Pkcs11Key> pkcs11) {}
}
