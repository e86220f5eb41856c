package corp.example.ocsp.http.check;

/** A monitoring plugin's states, worst last but for UNKNOWN; {@link #exitCode()} is the plugin's exit code. */
public enum CheckState {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    /** The check itself could not run: bad arguments, an unreadable file. */
    UNKNOWN(3);

    private final int exitCode;

    CheckState(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
