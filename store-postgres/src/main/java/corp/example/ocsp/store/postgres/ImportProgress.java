package corp.example.ocsp.store.postgres;

/** Told how far a bulk import is: {@code done} of {@code total} entries written so far. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (done, total) -> {};

    /** Called from the importing thread every {@value #EVERY} entries and once at the end. */
    void at(long done, long total);

    int EVERY = 1000;
}
