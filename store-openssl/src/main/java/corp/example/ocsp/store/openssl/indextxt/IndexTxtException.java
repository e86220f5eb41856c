package corp.example.ocsp.store.openssl.indextxt;

/**
 * An {@code index.txt} that cannot be read or does not parse; the message is one line naming the
 * file and line: {@code "/etc/pki/ca/index.txt line 7: state 'X' is not V (valid), R (revoked) or E
 * (expired)"}.
 */
public final class IndexTxtException extends RuntimeException {
    public IndexTxtException(String message) {
        super(message);
    }

    public IndexTxtException(String message, Throwable cause) {
        super(message, cause);
    }
}
