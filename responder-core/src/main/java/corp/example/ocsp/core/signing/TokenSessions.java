package corp.example.ocsp.core.signing;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many signatures may run on one PKCS#11 token at once: the token's session limit, shared by
 * every signer whose key is on that token. SunPKCS11 opens a session per signature in progress and
 * fails one beyond the token's limit ("Could not obtain session"); with these permits a signing
 * thread waits for a session instead, at most {@link TokenHealth#STUCK}, and then gets
 * {@link SigningUnavailableException} (tryLater), as when the token stops answering.
 */
public final class TokenSessions {
    private static final TokenSessions UNBOUNDED = new TokenSessions(OptionalInt.empty());

    private final OptionalInt limit;
    private final Semaphore permits; // null when unbounded

    private TokenSessions(OptionalInt limit) {
        this.limit = limit;
        this.permits = limit.isPresent() ? new Semaphore(limit.getAsInt()) : null;
    }

    /** No limit: the token reports CK_EFFECTIVELY_INFINITE sessions. */
    public static TokenSessions unbounded() {
        return UNBOUNDED;
    }

    /** At most {@code signatures} at once (at least 1). */
    public static TokenSessions limitedTo(int signatures) {
        if (signatures < 1) {
            throw new IllegalArgumentException("at least one signature must be allowed, not " + signatures);
        }
        return new TokenSessions(OptionalInt.of(signatures));
    }

    /** The limit, or empty when there is none; for logs. */
    public OptionalInt limit() {
        return limit;
    }

    /** Takes a session, waiting at most {@code patience}; false when none came free in time. */
    boolean acquire(Duration patience) {
        if (permits == null) {
            return true;
        }
        try {
            return permits.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void release() {
        if (permits != null) {
            permits.release();
        }
    }

    @Override
    public String toString() {
        return limit.isPresent() ? "at most " + limit.getAsInt() + " signatures at once" : "no session limit";
    }
}
