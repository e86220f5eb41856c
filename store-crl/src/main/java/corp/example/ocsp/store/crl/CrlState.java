package corp.example.ocsp.store.crl;

import corp.example.ocsp.core.status.StatusWindow;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * What a CA's CRLs say now: its full CRL, the delta applied on it (only one whose base is that full
 * CRL's number), and their entries merged. Immutable; each update returns a new state or refuses
 * with a {@link CrlException} saying why (the current state then stays).
 */
record CrlState(ParsedCrl full, Optional<ParsedCrl> delta, CrlIndex entries) {
    /** A window for a CRL without nextUpdate: its statuses do not expire. */
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    /** The first full CRL. */
    static CrlState of(ParsedCrl full, Instant now) {
        checkFull(full, now);
        return new CrlState(full, Optional.empty(), full.entries());
    }

    /**
     * This state with {@code next} as its full CRL; the delta stays only if it applies to it.
     *
     * @throws CrlException when {@code next} is a delta, expired, or numbered lower than the current one
     */
    CrlState withFull(ParsedCrl next, Instant now) {
        checkFull(next, now);
        if (next.number().isPresent() && full.number().isPresent() && lower(next.number(), full.number())) {
            throw new CrlException(
                    next.where() + ": CRL number " + next.number().get() + " is lower than the current "
                            + full.number().get() + " (an older CRL, or a replayed one): not used");
        }
        CrlState s = new CrlState(next, Optional.empty(), next.entries());
        return delta.filter(d -> applies(d, next)).map(d -> s.applied(d)).orElse(s);
    }

    /**
     * This state with {@code d} applied.
     *
     * @throws CrlException when it is not a delta, is expired, older than the current delta, or not
     *     based on the current full CRL's number
     */
    CrlState withDelta(ParsedCrl d, Instant now) {
        if (!d.isDelta()) {
            throw new CrlException(d.where() + ": is not a delta CRL (no deltaCRLIndicator); configure it as crl");
        }
        expired(d, now);
        if (delta.isPresent() && lower(d.number(), delta.get().number())) {
            throw new CrlException(
                    d.where() + ": delta CRL number " + d.number().orElse(null) + " is lower than the current delta's "
                            + delta.get().number().orElse(null) + ": not used");
        }
        if (!applies(d, full)) {
            throw new CrlException(d.where() + ": delta CRL based on CRL number "
                    + d.deltaBase().get()
                    + ", but the current full CRL is number "
                    + full.number().map(BigInteger::toString).orElse("(none)")
                    + ": not applied until that full CRL arrives");
        }
        return applied(d);
    }

    private CrlState applied(ParsedCrl d) {
        return new CrlState(full, Optional.of(d), full.entries().withDelta(d.entries()));
    }

    /** A delta applies on exactly its base, and must be newer than it. */
    private static boolean applies(ParsedCrl d, ParsedCrl full) {
        return full.number().isPresent()
                && d.deltaBase().get().equals(full.number().get())
                && d.number().map(n -> n.compareTo(full.number().get()) > 0).orElse(false);
    }

    private static void checkFull(ParsedCrl c, Instant now) {
        if (c.isDelta()) {
            throw new CrlException(c.where() + ": is a delta CRL (deltaCRLIndicator, base "
                    + c.deltaBase().get() + "); configure it as deltaCrl beside the full CRL");
        }
        expired(c, now);
    }

    private static void expired(ParsedCrl c, Instant now) {
        if (c.nextUpdate().isPresent() && !c.nextUpdate().get().isAfter(now)) {
            throw new CrlException(c.where() + ": expired at " + c.nextUpdate().get() + " (its nextUpdate): not used");
        }
    }

    private static boolean lower(Optional<BigInteger> a, Optional<BigInteger> b) {
        return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) < 0;
    }

    /** As of the newest CRL in force (the delta's thisUpdate, if applied), until the earliest nextUpdate. */
    StatusWindow window() {
        Instant next = full.nextUpdate().orElse(NEVER);
        Instant thisUpdate = full.thisUpdate();
        if (delta.isPresent()) {
            thisUpdate = delta.get().thisUpdate();
            Instant dn = delta.get().nextUpdate().orElse(NEVER);
            next = dn.isBefore(next) ? dn : next;
        }
        return new StatusWindow(thisUpdate, next);
    }

    String describe() {
        return full.describe() + delta.map(d -> "; with " + d.describe()).orElse("") + "; " + entries.size()
                + " revoked in force";
    }
}
