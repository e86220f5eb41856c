package corp.example.ocsp.store.crl;

/**
 * A CRL that cannot be fetched, parsed or used; the message is one line naming the CRL (its file or
 * URL) and what is wrong: {@code "http://pki/ca.crl: its signature does not verify with the public
 * key of CA ca"}.
 */
public final class CrlException extends RuntimeException {
    public CrlException(String message) {
        super(message);
    }

    public CrlException(String message, Throwable cause) {
        super(message, cause);
    }
}
