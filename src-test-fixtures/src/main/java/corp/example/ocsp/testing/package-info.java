/**
 * Test-only helpers shared by every module's tests.
 *
 * <ul>
 *   <li>{@link corp.example.ocsp.testing.MutableClock}: a {@link java.time.Clock} that tests set
 *       and advance, so validity and refresh logic is tested without waiting;</li>
 *   <li>{@link corp.example.ocsp.testing.Openssl}: runs the real {@code openssl} binary and
 *       captures its exit code and output;</li>
 *   <li>{@link corp.example.ocsp.testing.OpensslCa}: a CA run with the real {@code openssl ca} in a
 *       directory of its own (openssl.cnf, index.txt, serial): issue, revoke, gencrl;</li>
 *   <li>{@link corp.example.ocsp.testing.ModernJdk}: a JDK 24+ beside the test JDK, whose own
 *       {@code Signature} verifies ML-DSA;</li>
 *   <li>{@link corp.example.ocsp.testing.pki}: a fluent test PKI (roots, intermediates, delegated
 *       OCSP signers, leaves) that writes PEM and PKCS#12 files;</li>
 *   <li>{@link corp.example.ocsp.testing.ocsp}: a builder of DER OCSP requests of every shape,
 *       malformed ones included.</li>
 * </ul>
 */
package corp.example.ocsp.testing;
