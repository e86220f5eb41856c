package corp.example.ocsp.http.app;

import corp.example.ocsp.http.app.SignerLoader.LoadedResponder;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.responses.ResponseStore;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens each responder's persistent response store when {@code cache.storeDirectory} is set: one
 * directory per responder, named after it, for its CAs and signers. A store needs a status source
 * with a change feed (a restart's fill confirms the stored answers against it); with a freshness
 * bound instead it is refused, naming the setting.
 */
final class ResponseStores {
    private static final Logger log = LoggerFactory.getLogger(ResponseStores.class);

    private ResponseStores() {}

    /** The store of {@code responder}, opened, or empty when none is configured (or the cache is off). */
    static Optional<ResponseStore> open(ServerConfig config, LoadedResponder responder, boolean freshnessBound)
            throws ConfigException {
        ServerConfig.Cache cache = config.cache();
        if (cache.storeDirectory().isEmpty() || !cache.settings().enabled()) {
            return Optional.empty();
        }
        if (freshnessBound) {
            throw new ConfigException(config.file() + ": cache.storeDirectory: the response store needs a status"
                    + " source with a change feed, and " + config.source().section() + " has a freshness bound"
                    + " instead: remove cache.storeDirectory");
        }
        Path directory = cache.storeDirectory().get().resolve(responder.config().name());
        ResponseStore store;
        try {
            store = ResponseStore.open(directory, responder.signers(), cache.storeBytes());
        } catch (RuntimeException e) {
            throw new ConfigException(config.file() + ": cache.storeDirectory: cannot open the response store in "
                    + directory + ": " + e.getMessage());
        }
        log.info(
                "responder {}: response store {}, {} answers from before{}",
                responder.config().name(),
                directory,
                store.size(),
                store.rebuiltBecause().map(why -> " (rebuilt: " + why + ")").orElse(""));
        return Optional.of(store);
    }
}
