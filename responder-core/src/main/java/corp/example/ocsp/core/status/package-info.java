/**
 * Certificate status: what a {@link corp.example.ocsp.core.status.StatusSource} says of a serial
 * number (good, revoked with time and reason, or not known), the SPI every status source
 * implements, and an in-memory implementation for tests and small deployments.
 *
 * <h2>The status source SPI</h2>
 *
 * A status source (the PostgreSQL store, a CFSSL certdb, a CA's own OpenSSL {@code index.txt};
 * CRLs tomorrow) implements:
 *
 * <ul>
 *   <li>{@link corp.example.ocsp.core.status.StatusSource} (required): the status of serials of one
 *       issuer. <b>Never {@code good} for what it does not know</b>: a serial the source has no
 *       record of, or a record in a state it cannot map, is {@link
 *       corp.example.ocsp.core.status.CertStatus#notKnown()}, which the responder answers by its
 *       unknown-serial policy. A CA the source does not hold is not known for every serial.
 *   <li>{@link corp.example.ocsp.core.status.Reachability} (required): a cheap check that the source
 *       answers now, for {@code /readyz}; never a scan. A source that answers from an older state
 *       than it was given (a file whose new content does not parse) says why in {@link
 *       corp.example.ocsp.core.status.Reachability#degraded()}.
 *   <li>{@link corp.example.ocsp.core.status.StatusFeed} (a change feed) <b>or</b> a {@link
 *       corp.example.ocsp.core.status.Freshness} bound: cached answers must follow a revocation or
 *       a new certificate within a second of its commit. A source with a feed delivers every
 *       committed change, at least once, on its own thread; a source without one (a CFSSL certdb,
 *       whose schema is not ours to add triggers to) declares how long an answer may be served from
 *       what it read, after which the responder reads that one status again on a signing thread and
 *       signs anew only if it changed.
 *   <li>{@link corp.example.ocsp.core.status.StatusInventory} (with a feed): every certificate it
 *       knows, streamed, so answers are signed before anyone asks. May take long; may throw
 *       {@link corp.example.ocsp.core.status.StatusUnavailableException}, and is then retried.
 *   <li>{@link corp.example.ocsp.core.status.ChangeLog} (optional, with a feed): the changes since
 *       a recorded position and the position the feed has delivered, so a persistent response
 *       store catches up after a restart instead of checking every answer against the inventory.
 * </ul>
 *
 * <p><b>When unreachable</b> (database down, file unreadable, timeout), every call throws {@link
 * corp.example.ocsp.core.status.StatusUnavailableException} with one line saying what could not be
 * read, and throws it <b>fast</b>: within the source's configured timeouts for the first call, and
 * at once for the calls after it, however they are spaced, until the source answers again ({@link
 * corp.example.ocsp.core.status.OutageGate}: a background check through the source's {@link
 * corp.example.ocsp.core.status.Reachability}, not a lookup, tries it again). The responder then answers cache misses {@code tryLater}, keeps serving the answers it
 * has cached until their nextUpdate, and {@code /readyz} says degraded (the source unreachable). A source
 * never answers from a guess, and a source that cannot read a new state keeps the last good one.
 *
 * <p><b>Thread-safety</b>: every method may be called from many threads at once (the signing
 * threads, the cache threads, the readiness probe); calls may block, but never on an event loop,
 * where they are never made.
 */
package corp.example.ocsp.core.status;
