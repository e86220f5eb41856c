package corp.example.ocsp.http.config;

/** The configuration cannot be used; the message is one line naming the file and the setting. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
