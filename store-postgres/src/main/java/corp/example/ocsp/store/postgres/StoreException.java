package corp.example.ocsp.store.postgres;

/**
 * A store write or query refused or failed, with a one-line message naming what is wrong (the
 * issuer label, the serial, the file and line). Nothing of the refused write was committed.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
