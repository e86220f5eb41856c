package corp.example.ocsp.http.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import corp.example.ocsp.core.NoncePolicy;
import corp.example.ocsp.core.ResponderSettings;
import corp.example.ocsp.core.UnknownSerialPolicy;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.http.config.ServerConfig.IssuerConfig;
import corp.example.ocsp.http.config.ServerConfig.ResponderConfig;
import corp.example.ocsp.http.config.ServerConfig.Server;
import corp.example.ocsp.http.config.ServerConfig.SignerConfig;
import corp.example.ocsp.http.server.HttpLimits;
import corp.example.ocsp.http.source.IssuerSourceSettings;
import corp.example.ocsp.http.source.SourceKind;
import corp.example.ocsp.http.source.SourceKinds;
import corp.example.ocsp.http.source.SourceSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates the YAML configuration. The defaults are the records' ({@link ServerConfig}'s
 * sections, {@link CacheSettings}, {@link ResponderSettings}, {@link HttpLimits}, a source kind's
 * own); the ranges are here; {@code config/responder.yaml} documents both.
 */
public final class ConfigFile {
    private static final Duration DAY = Duration.ofDays(1);

    private ConfigFile() {}

    /** The configuration in {@code file}, with {@code ${VAR}} taken from the process environment. */
    public static ServerConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    public static ServerConfig load(Path file, Map<String, String> env) throws ConfigException {
        return load(file, env, SourceKinds.known());
    }

    /** With the kinds of status source given (tests register more than there are). */
    static ServerConfig load(Path file, Map<String, String> env, List<SourceKind> kinds) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        String name = file.toString();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(name + (at == null ? "" : " line " + at.getLineNr()) + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        EnvSubstitution.apply(root, env, name);
        Path baseDir = file.toAbsolutePath().getParent();
        Section top = new Section(name, "", root, baseDir);
        Server server = server(top.child("server"));
        ServerConfig.Cache cache = cache(top.child("cache"));
        Optional<InetSocketAddress> admin = admin(top.child("admin"));
        Optional<String> logFormat = logFormat(top.child("logging"), env);
        List<ResponderConfig> responders = new ArrayList<>();
        for (Section r : top.list("responders")) {
            responders.add(responder(r));
        }
        SourceSettings source = SourceSections.read(top, kinds, responders);
        top.done();
        if (responders.isEmpty()) {
            throw top.error("responders", "at least one responder is required");
        }
        checkUnique(top, responders);
        return new ServerConfig(file, source, server, cache, admin, List.copyOf(responders), logFormat);
    }

    /**
     * {@code logging.format} (text or json), unless {@value ServerConfig#LOG_FORMAT_VARIABLE} is set
     * in the environment or as a system property: that one is already in force, and wins.
     */
    private static Optional<String> logFormat(Section s, Map<String, String> env) throws ConfigException {
        Optional<String> format = s.optionalString("format").map(f -> f.trim().toLowerCase(Locale.ROOT));
        s.done();
        if (format.isPresent() && !format.get().equals("text") && !format.get().equals("json")) {
            throw s.error(s.name("format"), "'" + format.get() + "' is not a log format; use text or json");
        }
        boolean outside = env.containsKey(ServerConfig.LOG_FORMAT_VARIABLE)
                || System.getProperty(ServerConfig.LOG_FORMAT_VARIABLE) != null;
        return outside ? Optional.empty() : format;
    }

    private static Server server(Section s) throws ConfigException {
        HttpLimits d = HttpLimits.defaults();
        HttpLimits limits = d.withMaxBodyBytes(s.integer("maxBodyBytes", d.maxBodyBytes(), 512, 1 << 20))
                .withMaxUriBytes(s.integer("maxUriBytes", d.maxUriBytes(), 512, 1 << 16))
                .withMaxHeaderBytes(s.integer("maxHeaderBytes", d.maxHeaderBytes(), 1024, 1 << 16))
                .withRequestTimeout(
                        s.duration("requestTimeout", d.requestTimeout(), Duration.ofMillis(100), Duration.ofMinutes(5)))
                .withIdleTimeout(s.duration("idleTimeout", d.idleTimeout(), Duration.ofSeconds(1), Duration.ofHours(1)))
                .withMaxConnections(s.integer("maxConnections", d.maxConnections(), 1, 1_000_000))
                .withMaxAge(s.duration("cacheMaxAge", d.maxAge(), Duration.ofSeconds(1), Duration.ofDays(10)));
        Server d0 = Server.defaults();
        Server server = new Server(
                s.integer("ioThreads", d0.ioThreads(), 0, 256),
                s.integer("signingThreads", d0.signingThreads(), 1, 256),
                s.integer("signingQueue", d0.signingQueue(), 1, 1_000_000),
                s.choice(
                        "signingProvider",
                        d0.signingProvider(),
                        v -> parseEnum(SignatureProvider.class, v.replace('-', '_')),
                        "auto, aws-lc, bouncycastle"),
                limits,
                s.duration("shutdownGrace", d0.shutdownGrace(), Duration.ZERO, Duration.ofMinutes(5)),
                s.duration(
                        "certificateExpiryWarning",
                        d0.certificateExpiryWarning(),
                        Duration.ZERO,
                        Duration.ofDays(3650)));
        s.done();
        return server;
    }

    private static ServerConfig.Cache cache(Section s) throws ConfigException {
        ServerConfig.Cache defaults = ServerConfig.Cache.defaults();
        CacheSettings d = defaults.settings();
        boolean enabled = s.bool("enabled", d.enabled());
        long maxBytes = (long) s.integer("maxMegabytes", (int) (d.maxBytes() >> 20), 1, 1 << 20) << 20;
        double fraction = s.decimal("refreshFraction", d.refreshFraction(), 0, 1);
        Set<HashAlgorithm> precompute = new HashSet<>();
        List<String> labels = d.precompute().stream().map(HashAlgorithm::label).toList();
        for (String word : s.words("precompute", labels)) {
            precompute.add(HashAlgorithm.ofLabel(word)
                    .orElseThrow(() -> s.error(
                            s.name("precompute"), "'" + word + "' is not one of sha1, sha256, sha384, sha512")));
        }
        int refreshPerSecond = s.integer("refreshPerSecond", d.refreshPerSecond(), 1, 1_000_000);
        int maxStatuses = s.integer("maxStatuses", (int) d.maxStatuses(), 0, Integer.MAX_VALUE);
        int threads = s.integer("threads", defaults.threads(), 1, 64);
        s.done();
        CacheSettings settings;
        try {
            settings = new CacheSettings(enabled ? maxBytes : 0, fraction, precompute, refreshPerSecond, maxStatuses);
        } catch (IllegalArgumentException e) {
            throw s.error("cache", e.getMessage());
        }
        return new ServerConfig.Cache(settings, threads);
    }

    private static Optional<InetSocketAddress> admin(Section s) throws ConfigException {
        String listen = s.string("listen", ServerConfig.DEFAULT_ADMIN_LISTEN);
        // YAML reads an unquoted off as false
        Optional<InetSocketAddress> address = listen.equalsIgnoreCase("off") || listen.equals("false")
                ? Optional.empty()
                : Optional.of(s.address("listen", ServerConfig.DEFAULT_ADMIN_LISTEN));
        s.done();
        return address;
    }

    private static ResponderConfig responder(Section s) throws ConfigException {
        String name = s.requiredString("name");
        InetSocketAddress listen = s.address("listen", ResponderConfig.DEFAULT_LISTEN);
        String path = s.string("path", ResponderConfig.DEFAULT_PATH);
        if (!path.startsWith("/")) {
            throw s.error(s.name("path"), "'" + path + "' must start with /");
        }
        ResponderSettings d = ResponderSettings.defaults();
        ResponderSettings settings;
        try {
            settings = new ResponderSettings(
                    s.duration(
                            "validity", d.validity(), ResponderSettings.MIN_VALIDITY, ResponderSettings.MAX_VALIDITY),
                    s.choice(
                            "unknownSerial",
                            d.unknownSerial(),
                            v -> parseEnum(UnknownSerialPolicy.class, v),
                            "unknown, unauthorized, revoked"),
                    s.choice("nonce", d.nonce(), v -> parseEnum(NoncePolicy.class, v), "echo, ignore"),
                    responderIdByName(s, d.responderIdByName()),
                    s.integer("maxCertIds", d.maxCertIds(), 1, 1000));
        } catch (IllegalArgumentException e) {
            throw s.error(s.name("validity"), e.getMessage());
        }
        List<IssuerConfig> issuers = new ArrayList<>();
        for (Section i : s.list("issuers")) {
            issuers.add(issuer(i));
        }
        s.done();
        if (issuers.isEmpty()) {
            throw s.error(s.name("issuers"), "at least one CA is required");
        }
        return new ResponderConfig(name, listen, path, settings, List.copyOf(issuers));
    }

    private static boolean responderIdByName(Section s, boolean byNameByDefault) throws ConfigException {
        String v = s.string("responderId", byNameByDefault ? "byName" : "byKey");
        if (v.equalsIgnoreCase("byKey")) {
            return false;
        } else if (v.equalsIgnoreCase("byName")) {
            return true;
        }
        throw s.error(s.name("responderId"), "'" + v + "' is not one of byKey, byName");
    }

    private static IssuerConfig issuer(Section s) throws ConfigException {
        String label = s.requiredString("label");
        Path certificate = s.requiredPath("certificate");
        SignerConfig signer = SignerSection.read(s);
        Optional<IssuerSourceSettings> source = SourceSections.ofIssuer(s);
        s.done();
        return new IssuerConfig(label, certificate, signer, source);
    }

    private static void checkUnique(Section top, List<ResponderConfig> responders) throws ConfigException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < responders.size(); i++) {
            ResponderConfig r = responders.get(i);
            if (!names.add(r.name())) {
                throw top.error("responders[" + i + "].name", "'" + r.name() + "' is used by two responders");
            }
            String path = r.path().endsWith("/") ? r.path() : r.path() + "/";
            for (int j = 0; j < i; j++) {
                ResponderConfig o = responders.get(j);
                boolean samePort = o.listen().getPort() == r.listen().getPort()
                        && r.listen().getPort() != 0;
                boolean sameAddress = o.listen().equals(r.listen());
                boolean wildcard = o.listen().getAddress() != null
                        && r.listen().getAddress() != null
                        && (o.listen().getAddress().isAnyLocalAddress()
                                || r.listen().getAddress().isAnyLocalAddress());
                if (samePort && !sameAddress && wildcard) {
                    throw top.error(
                            "responders[" + i + "].listen",
                            r.listen() + " and " + o.listen()
                                    + " (responders[" + j + "]) would both bind port "
                                    + r.listen().getPort()
                                    + "; use the same listen address and different paths");
                }
                String other = o.path().endsWith("/") ? o.path() : o.path() + "/";
                if (sameAddress && samePort && other.equals(path)) {
                    throw top.error(
                            "responders[" + i + "].path", "two responders on " + r.listen() + " with path " + r.path());
                }
            }
        }
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.toUpperCase(Locale.ROOT))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
