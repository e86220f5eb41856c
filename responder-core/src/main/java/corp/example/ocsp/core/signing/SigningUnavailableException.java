package corp.example.ocsp.core.signing;

/**
 * A signature could not be made now: the signer's token failed or stopped answering. Answer
 * {@code tryLater}; the signer tries the token again by itself.
 */
public final class SigningUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SigningUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
