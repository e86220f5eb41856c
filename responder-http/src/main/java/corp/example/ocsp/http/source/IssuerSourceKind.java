package corp.example.ocsp.http.source;

import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.Section;

/**
 * A kind of status source that one CA keeps for itself, named in that CA's {@code issuers} entry
 * (an OpenSSL {@code index.txt}: {@code index: /etc/pki/ca/index.txt}) instead of a shared source
 * section. Registered in {@link SourceKinds#perIssuer()}. A CA has at most one such source.
 */
public interface IssuerSourceKind {

    /** The setting of an {@code issuers} entry that selects this kind, e.g. {@code index}. */
    String setting();

    /**
     * Reads and validates the setting and its companions from the CA's {@code issuers} entry, with
     * errors from {@link Section#error} naming the setting. Touches no file but the configuration.
     */
    IssuerSourceSettings read(Section issuer) throws ConfigException;
}
