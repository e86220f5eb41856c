/**
 * The {@code check-crl} command's engine ({@link corp.example.ocsp.http.crlcheck.CrlComparison}):
 * what a CA's configured status source says, read directly, against what one of its CRLs says,
 * serial by serial, so that inconsistent CRL and OCSP answers are found by a cron line rather than by
 * a relying party.
 */
package corp.example.ocsp.http.crlcheck;
