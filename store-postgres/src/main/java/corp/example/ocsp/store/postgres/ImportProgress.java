package corp.example.ocsp.store.postgres;

/**
 * Told how far a long write is: {@code done} of {@code total} entries of a bulk import written so
 * far, or migrations of {@link PostgresStore#migrate(ImportProgress)} applied.
 */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (done, total) -> {};

    /** Called from the importing thread every {@value #EVERY} entries and once at the end. */
    void at(long done, long total);

    int EVERY = 1000;
}
