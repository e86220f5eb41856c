package corp.example.ocsp.store.postgres;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** A Flyway callback telling an {@link ImportProgress} after each migration: applied, of those pending. */
final class MigrationProgress implements Callback {
    private final ImportProgress progress;
    private long pending;
    private long applied;

    MigrationProgress(ImportProgress progress) {
        this.progress = progress;
    }

    void pending(long pending) {
        this.pending = pending;
    }

    /** Once the migrations ran: the end of the line (also when there was nothing to apply). */
    void finished() {
        progress.at(Math.max(applied, pending), Math.max(applied, pending));
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        applied++;
        if (applied < pending) {
            progress.at(applied, pending);
        }
    }

    @Override
    public String getCallbackName() {
        return "progress";
    }
}
