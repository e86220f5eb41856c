package corp.example.ocsp.store.cfssl;

/** A db-config that cannot work: one line naming the file and the setting. */
public final class CertdbException extends RuntimeException {
    public CertdbException(String message) {
        super(message);
    }

    public CertdbException(String message, Throwable cause) {
        super(message, cause);
    }
}
