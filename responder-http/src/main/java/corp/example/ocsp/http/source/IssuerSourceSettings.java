package corp.example.ocsp.http.source;

import corp.example.ocsp.core.issuer.Issuer;

/**
 * One CA's own status source, validated (see {@link IssuerSourceKind}). Value-like: two entries
 * for the same CA must configure equal settings. Its {@link #toString()} is the effective
 * configuration for the start-up log.
 */
public interface IssuerSourceSettings {

    /** The {@code issuers} setting that configured it ({@code index}), for messages. */
    String setting();

    /**
     * Opens the source of {@code issuer} for serving (and for the admin commands, through {@link
     * OpenSource#admin()}): reads it now, failing with one line naming the file (and line) when it
     * cannot be read or does not parse.
     */
    OpenSource open(Issuer issuer) throws Exception;
}
