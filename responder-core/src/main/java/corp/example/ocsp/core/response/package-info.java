/**
 * Response encoding: signed BasicOCSPResponses built from per-CertID answers, and the pre-encoded,
 * unsigned error responses (RFC 6960 §2.3).
 */
package corp.example.ocsp.core.response;
