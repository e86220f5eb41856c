package corp.example.ocsp.core.signing;

/**
 * A signer cannot be used; the message names the file and says what is wrong with it. When the
 * cause is the chosen signing provider rather than the files, {@link #concernsProvider()} says so,
 * so the configuration layer can name the setting that chooses it.
 */
public final class SignerLoadException extends Exception {
    private final boolean concernsProvider;

    public SignerLoadException(String message) {
        this(message, null, false);
    }

    public SignerLoadException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private SignerLoadException(String message, Throwable cause, boolean concernsProvider) {
        super(message, cause);
        this.concernsProvider = concernsProvider;
    }

    /** The signing provider cannot sign with this key; another provider could. */
    static SignerLoadException ofProvider(String message) {
        return new SignerLoadException(message, null, true);
    }

    static SignerLoadException ofProvider(String message, Throwable cause) {
        return new SignerLoadException(message, cause, true);
    }

    /** True when choosing another signing provider would remove the problem. */
    public boolean concernsProvider() {
        return concernsProvider;
    }
}
