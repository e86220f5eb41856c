package corp.example.ocsp.http.config;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the {@code cache:} section: the cache's behaviour, its bounds (sized to the heap by
 * {@link CacheSizing}), its threads and where its persistent store is.
 */
final class CacheSection {
    private CacheSection() {}

    /** The cache section {@code s}, its bounds checked by {@code sizing}. */
    static ServerConfig.Cache read(Section s, CacheSizing sizing) throws ConfigException {
        ServerConfig.Cache defaults = ServerConfig.Cache.defaults();
        CacheSettings d = defaults.settings();
        boolean enabled = s.bool("enabled", d.enabled());
        OptionalInt megabytes = s.integerOrAuto("maxMegabytes", 1, 1 << 20);
        double fraction = s.decimal("refreshFraction", d.refreshFraction(), 0, 1);
        Set<HashAlgorithm> precompute = new HashSet<>();
        List<String> labels = d.precompute().stream().map(HashAlgorithm::label).toList();
        for (String word : s.words("precompute", labels)) {
            precompute.add(HashAlgorithm.ofLabel(word)
                    .orElseThrow(() -> s.error(
                            s.name("precompute"), "'" + word + "' is not one of sha1, sha256, sha384, sha512")));
        }
        int refreshPerSecond = s.integer("refreshPerSecond", d.refreshPerSecond(), 1, 1_000_000);
        OptionalInt maxStatuses = s.integerOrAuto("maxStatuses", 0, Integer.MAX_VALUE);
        int threads = s.integer("threads", defaults.threads(), 1, 64);
        Optional<Path> store = s.optionalPath("storeDirectory");
        long storeBytes =
                (long) s.integer("storeMegabytes", (int) (ServerConfig.Cache.DEFAULT_STORE_BYTES >> 20), 16, 1 << 24)
                        << 20;
        s.done();
        CacheSizing.Bounds bounds = enabled ? sizing.bounds(megabytes, maxStatuses) : new CacheSizing.Bounds(0, 0);
        CacheSettings settings;
        try {
            settings =
                    new CacheSettings(bounds.maxBytes(), fraction, precompute, refreshPerSecond, bounds.maxStatuses());
        } catch (IllegalArgumentException e) {
            throw s.error("cache", e.getMessage());
        }
        return new ServerConfig.Cache(settings, threads, store, storeBytes);
    }
}
