package corp.example.ocsp.store.crl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a CA's CRLs are found and used.
 *
 * @param crl the full CRL: a file, or an http:// or https:// URL
 * @param deltaCrl its delta CRLs' file or URL, if the CA issues them
 * @param crlIssuer the certificate of an indirect CRL's issuer, when not the CA itself
 * @param refresh how often the CRL (and delta) is asked for again; sooner as nextUpdate nears
 * @param timeout the longest an HTTP fetch may take
 * @param notOnCrlGood answer good for a serial not on the CRL; else not known (the unknown-serial policy)
 */
public record CrlOptions(
        String crl,
        Optional<String> deltaCrl,
        Optional<Path> crlIssuer,
        Duration refresh,
        Duration timeout,
        boolean notOnCrlGood) {
    /** For a URL: 5 minutes (a conditional GET, so usually a 304). */
    public static final Duration DEFAULT_URL_REFRESH = Duration.ofMinutes(5);
    /** For a file: 1 second (a stat; read only when it changed). */
    public static final Duration DEFAULT_FILE_REFRESH = Duration.ofSeconds(1);
    /** 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public CrlOptions {
        Objects.requireNonNull(crl, "crl");
        Objects.requireNonNull(deltaCrl, "deltaCrl");
        Objects.requireNonNull(crlIssuer, "crlIssuer");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Whether {@code location} is a URL rather than a file. */
    public static boolean isUrl(String location) {
        return location.startsWith("http://") || location.startsWith("https://");
    }
}
