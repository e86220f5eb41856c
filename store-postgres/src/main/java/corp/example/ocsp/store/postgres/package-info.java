/** {@link corp.example.ocsp.core.status.StatusSource} on PostgreSQL. */
package corp.example.ocsp.store.postgres;
