/**
 * Wiring: turns a validated configuration into running parts and stops them. {@link
 * corp.example.ocsp.http.app.ResponderApp} runs the steps in order (load the signers, open the
 * status source, build the responders, keep their caches, check readiness, start the admin
 * listener, bind); {@code CacheKeeper} fills, refreshes and re-signs the caches, each job on its
 * own thread; {@code Readiness} and {@code SignerExpiry} feed {@code /readyz} and the log;
 * {@code SignerReload} rotates keys while serving.
 */
package corp.example.ocsp.http.app;
