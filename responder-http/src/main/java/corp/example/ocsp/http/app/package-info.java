/**
 * Wiring: turns a validated configuration into running parts (signers, the status store, the
 * responders, the OCSP listeners and the admin listener with health and metrics) and stops them.
 */
package corp.example.ocsp.http.app;
