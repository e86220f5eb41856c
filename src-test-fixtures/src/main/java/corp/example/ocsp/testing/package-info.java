/** Test-only helpers shared by every module's tests. */
package corp.example.ocsp.testing;
