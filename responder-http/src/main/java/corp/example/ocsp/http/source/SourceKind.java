package corp.example.ocsp.http.source;

import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.Section;

/**
 * A kind of status source a configuration can name: the top-level section that selects it (the
 * PostgreSQL store's {@code database:}; a CFSSL certdb's {@code cfssl:}) and how that section is
 * read. Registered in {@link SourceKinds}.
 */
public interface SourceKind {

    /** The top-level section that selects this kind, e.g. {@code database}. */
    String section();

    /**
     * Reads and validates the section (which may be empty when no source section is given and this
     * is the default kind), with errors from {@link Section#error} naming the setting. Touches no
     * network and no file but the configuration.
     */
    SourceSettings read(Section section) throws ConfigException;
}
