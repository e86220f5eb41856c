package corp.example.ocsp.core.status;

/** A {@link StatusSource} cannot answer now (its backend is down or too slow): answer tryLater. */
public final class StatusUnavailableException extends RuntimeException {
    public StatusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StatusUnavailableException(String message) {
        super(message);
    }
}
