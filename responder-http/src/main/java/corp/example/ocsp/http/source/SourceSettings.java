package corp.example.ocsp.http.source;

import corp.example.ocsp.core.issuer.Issuer;
import java.util.List;
import java.util.function.Supplier;

/**
 * A validated source section: what the server opens and the admin commands connect to. Its
 * {@link #toString()} is the effective configuration for the start-up log, secrets masked.
 */
public interface SourceSettings {

    /** The section that configured it ({@code database}), for messages. */
    String section();

    /**
     * Opens the source for serving. A backend that is down does not fail this (lookups then throw
     * StatusUnavailableException, so the cache keeps serving); a setting that cannot work does.
     */
    OpenSource open() throws Exception;

    /** Connects the admin commands to the source (never starts an embedded backend). */
    SourceAdmin openAdmin() throws Exception;

    /**
     * Connects the admin commands to the source, knowing the CAs the configuration's responders
     * answer for; a source that holds no CA certificates of its own (a CFSSL certdb) needs them to
     * say whose certificates it holds, and reads them (the CA certificate files) only then. The
     * default ignores them.
     */
    default SourceAdmin openAdmin(Supplier<List<Issuer>> configured) throws Exception {
        return openAdmin();
    }
}
