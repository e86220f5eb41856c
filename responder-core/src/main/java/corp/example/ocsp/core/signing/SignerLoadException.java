package corp.example.ocsp.core.signing;

/** A signer cannot be used; the message names the file and says what is wrong with it. */
public final class SignerLoadException extends Exception {
    public SignerLoadException(String message) {
        super(message);
    }

    public SignerLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
