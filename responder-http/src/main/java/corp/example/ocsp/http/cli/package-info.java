/**
 * The command line ({@code java -jar ocsp-responder.jar ...}): {@code serve}, {@code demo}, and the
 * admin commands that write to and read from the status store, and {@code csr}, a certificate request
 * signed by a responder key on a PKCS#11 token. Every failure is a non-zero exit
 * and one line on standard error saying what is wrong.
 */
package corp.example.ocsp.http.cli;
