package corp.example.ocsp.http.source;

import corp.example.ocsp.http.source.cfssl.CfsslKind;
import corp.example.ocsp.http.source.crl.CrlKind;
import corp.example.ocsp.http.source.index.IndexKind;
import corp.example.ocsp.http.source.postgres.PostgresKind;
import java.util.List;

/**
 * The kinds of status source the server knows: the shared ones, named by a top-level section, the
 * default first (used when a configuration gives no source section and some CA has no source of its
 * own); and those a CA keeps for itself, named in its {@code issuers} entry. A new kind is one line
 * here.
 */
public final class SourceKinds {
    private static final List<SourceKind> KNOWN = List.of(new PostgresKind(), new CfsslKind());
    private static final List<IssuerSourceKind> PER_ISSUER = List.of(new IndexKind(), new CrlKind());

    private SourceKinds() {}

    public static List<SourceKind> known() {
        return KNOWN;
    }

    /** The kinds a CA's {@code issuers} entry can name ({@code index}, {@code crl}). */
    public static List<IssuerSourceKind> perIssuer() {
        return PER_ISSUER;
    }
}
