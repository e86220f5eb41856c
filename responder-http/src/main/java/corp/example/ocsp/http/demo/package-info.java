/**
 * The demo a new user runs first: a PKI shaped like the seed lab written to a directory, a
 * configuration for an embedded PostgreSQL whose data lives beside it, and the responder serving it.
 */
package corp.example.ocsp.http.demo;
