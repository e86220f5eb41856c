package corp.example.ocsp.store.cfssl;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** Warnings that are worth one line each, not one per request: the first for each key is logged. */
final class OnceLog {
    private static final int MAX_KEYS = 10_000;

    private final Logger log;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    OnceLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} with {@code args} unless {@code key} was logged before. */
    void warn(String key, String message, Object... args) {
        if (seen.size() >= MAX_KEYS || !seen.add(key)) {
            return; // said before (or 10,000 different things said: enough to act on)
        }
        log.warn(message, args);
    }
}
