package corp.example.ocsp.core.status;

import java.util.OptionalLong;
import java.util.function.Consumer;

/** A source that can list every certificate it knows, so responses can be signed before anyone asks. */
public interface StatusInventory {

    /** Calls {@code action} for every known certificate, streamed; may block for a long time. */
    void forEachKnown(Consumer<KnownCertificate> action);

    /** How many certificates {@link #forEachKnown} will pass, if known cheaply (for progress and ETA); empty if not. */
    default OptionalLong count() {
        return OptionalLong.empty();
    }
}
