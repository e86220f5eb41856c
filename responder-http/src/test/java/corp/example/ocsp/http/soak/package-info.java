/**
 * The soak: the real responder under constant mixed load while revocations stream in and
 * PostgreSQL is stopped and started again, every answer judged. {@code SoakTest} runs a short one
 * in the suite; {@code scripts/soak} runs it for minutes.
 */
package corp.example.ocsp.http.soak;
