/**
 * The PostgreSQL status store as a source of the server: its configuration section
 * ({@code database:}, {@link corp.example.ocsp.http.source.postgres.PostgresKind}), the store opened
 * for serving with an optional embedded PostgreSQL (the demo), and the admin commands' reads and
 * writes. The only package of the server that names {@code PostgresStore}.
 */
package corp.example.ocsp.http.source.postgres;
