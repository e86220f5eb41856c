package corp.example.ocsp.core.x509;

import java.nio.file.Path;

/**
 * A certificate file that could not be read, with what went wrong as a {@link Problem}, so each
 * caller words the message for its own setting (a signer's file, an admin command's input).
 */
public final class CertificateFileException extends Exception {
    /** What went wrong. */
    public enum Problem {
        /** The file does not exist. */
        NO_SUCH_FILE,
        /** The file exists but could not be read. */
        UNREADABLE,
        /** It starts like DER (a SEQUENCE) but is not a DER X.509 certificate. */
        NOT_DER,
        /** A PEM block could not be decoded (after {@link #certificatesRead()} certificates). */
        MALFORMED_PEM,
        /** It was read whole and holds no certificate. */
        NO_CERTIFICATE
    }

    private final transient Path file;
    private final Problem problem;
    private final int certificatesRead;
    private final String detail;

    CertificateFileException(Path file, Problem problem, int certificatesRead, String detail, Throwable cause) {
        super(file + ": " + problem + (detail == null ? "" : ": " + detail), cause);
        this.file = file;
        this.problem = problem;
        this.certificatesRead = certificatesRead;
        this.detail = detail;
    }

    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }

    /** How many certificates were read before the problem (for {@link Problem#MALFORMED_PEM}). */
    public int certificatesRead() {
        return certificatesRead;
    }

    /** The underlying library's message, or an empty string when there is none. */
    public String detail() {
        return detail == null ? "" : detail;
    }
}
