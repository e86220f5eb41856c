package corp.example.ocsp.http.source.crl;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.http.source.IssuerSourceSettings;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.store.crl.CrlOptions;
import corp.example.ocsp.store.crl.CrlSource;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A validated {@code crl:} setting with its companions. */
public record CrlSettings(CrlOptions options) implements IssuerSourceSettings {
    private static final Logger LOG = LoggerFactory.getLogger(CrlSettings.class);

    @Override
    public String setting() {
        return CrlKind.SETTING;
    }

    /**
     * Reads the CRL now and follows it; with {@code notOnCrl: good}, warns that publicly-trusted CAs
     * must not answer so.
     */
    @Override
    public OpenSource open(Issuer issuer) {
        if (options.notOnCrlGood()) {
            LOG.warn(
                    "CA {}: notOnCrl: good answers good for every serial not on its CRL, issued or not: the"
                            + " CA/Browser Forum Baseline Requirements (4.9.10) forbid this for publicly-trusted CAs;"
                            + " use it only for a private CA that accepts RFC 6960's \"good means not revoked\"",
                    issuer.label());
        }
        return new CrlOpenSource(CrlSource.open(issuer, options, Clock.systemUTC()), options.notOnCrlGood());
    }

    @Override
    public String toString() {
        return "CRL " + options.crl()
                + options.deltaCrl().map(d -> " with deltas " + d).orElse("")
                + options.crlIssuer().map(i -> ", indirect, issued by " + i).orElse("") + ", refreshed every "
                + options.refresh().toSeconds() + " s, not on the CRL: "
                + (options.notOnCrlGood() ? "good" : "unknown");
    }
}
