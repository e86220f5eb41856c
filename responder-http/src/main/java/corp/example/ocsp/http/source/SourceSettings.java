package corp.example.ocsp.http.source;

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
}
