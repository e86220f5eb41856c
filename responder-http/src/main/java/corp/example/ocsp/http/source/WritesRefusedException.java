package corp.example.ocsp.http.source;

/**
 * A source that is not the record refuses a write; the message is one line saying what to use
 * instead (for a CFSSL certdb: "CFSSL is the record of this certdb: revoke with cfssl revoke").
 */
public final class WritesRefusedException extends RuntimeException {
    public WritesRefusedException(String message) {
        super(message);
    }
}
