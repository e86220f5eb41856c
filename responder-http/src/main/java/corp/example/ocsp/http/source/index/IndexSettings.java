package corp.example.ocsp.http.source.index;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.http.source.IssuerSourceSettings;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.store.openssl.IndexFileSource;
import java.nio.file.Path;

/** A validated {@code index:} setting: the file, absolute. */
public record IndexSettings(Path file) implements IssuerSourceSettings {

    @Override
    public String setting() {
        return IndexKind.SETTING;
    }

    /** Reads the file (failing with its name and line when it does not parse) and follows it. */
    @Override
    public OpenSource open(Issuer issuer) {
        return new IndexSource(IndexFileSource.open(issuer, file));
    }

    @Override
    public String toString() {
        return "OpenSSL index.txt " + file + " (followed: watch + stat every " + IndexFileSource.POLL.toMillis()
                + " ms)";
    }
}
