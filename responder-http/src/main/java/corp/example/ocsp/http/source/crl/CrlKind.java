package corp.example.ocsp.http.source.crl;

import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.Section;
import corp.example.ocsp.http.source.IssuerSourceKind;
import corp.example.ocsp.http.source.IssuerSourceSettings;
import corp.example.ocsp.store.crl.CrlOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code crl: /path/ca.crl} or {@code crl: http://pki.example/ca.crl} in an {@code issuers} entry,
 * with {@code deltaCrl} (its delta CRLs; default none), {@code crlIssuer} (an indirect CRL's issuer
 * certificate; default the CA), {@code crlRefresh} (default 5m for a URL, 1s for a file),
 * {@code crlTimeout} (default 10s) and {@code notOnCrl} ({@code unknown}, the default, or {@code good}).
 */
public final class CrlKind implements IssuerSourceKind {
    static final String SETTING = "crl";

    @Override
    public String setting() {
        return SETTING;
    }

    @Override
    public IssuerSourceSettings read(Section s) throws ConfigException {
        String crl = location(s, "crl").orElseThrow(() -> s.error(s.name("crl"), "is required"));
        Optional<String> delta = location(s, "deltaCrl");
        Duration refresh = s.duration(
                "crlRefresh",
                CrlOptions.isUrl(crl) ? CrlOptions.DEFAULT_URL_REFRESH : CrlOptions.DEFAULT_FILE_REFRESH,
                Duration.ofSeconds(1),
                Duration.ofDays(1));
        Duration timeout =
                s.duration("crlTimeout", CrlOptions.DEFAULT_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5));
        String notOnCrl = s.string("notOnCrl", "unknown");
        if (!notOnCrl.equals("unknown") && !notOnCrl.equals("good")) {
            throw s.error(s.name("notOnCrl"), "'" + notOnCrl + "' is not one of unknown, good");
        }
        return new CrlSettings(
                new CrlOptions(crl, delta, s.optionalPath("crlIssuer"), refresh, timeout, notOnCrl.equals("good")));
    }

    /** A URL as given, or a file resolved against the configuration's directory. */
    private static Optional<String> location(Section s, String key) throws ConfigException {
        Optional<String> v = s.optionalString(key);
        if (v.isEmpty() || v.get().isBlank()) {
            if (v.isPresent()) {
                throw s.error(s.name(key), "is empty: give a file or an http(s):// URL");
            }
            return Optional.empty();
        }
        return CrlOptions.isUrl(v.get()) ? v : s.optionalPath(key).map(Object::toString);
    }
}
