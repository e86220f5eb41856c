package corp.example.ocsp.http.source.index;

import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.Section;
import corp.example.ocsp.http.source.IssuerSourceKind;
import corp.example.ocsp.http.source.IssuerSourceSettings;

/**
 * {@code index: /etc/pki/ca/index.txt} in an {@code issuers} entry: the CA's OpenSSL database,
 * read at start (a file that is missing or does not parse stops the start, naming the line) and
 * followed while serving.
 */
public final class IndexKind implements IssuerSourceKind {
    static final String SETTING = "index";

    @Override
    public String setting() {
        return SETTING;
    }

    @Override
    public IssuerSourceSettings read(Section issuer) throws ConfigException {
        return new IndexSettings(issuer.requiredPath("index"));
    }
}
