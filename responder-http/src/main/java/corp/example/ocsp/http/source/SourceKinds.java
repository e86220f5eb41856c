package corp.example.ocsp.http.source;

import corp.example.ocsp.http.source.cfssl.CfsslKind;
import corp.example.ocsp.http.source.postgres.PostgresKind;
import java.util.List;

/**
 * The kinds of status source the server knows, the default first (used when a configuration
 * gives no source section). A new kind is one line here.
 */
public final class SourceKinds {
    private static final List<SourceKind> KNOWN = List.of(new PostgresKind(), new CfsslKind());

    private SourceKinds() {}

    public static List<SourceKind> known() {
        return KNOWN;
    }
}
