/**
 * A real PostgreSQL for tests: {@link corp.example.ocsp.testing.postgres.PostgresFixture} finds or
 * starts one server per test JVM ({@code OCSP_TEST_JDBC_URL}, else Testcontainers when a Docker
 * engine answers, else an embedded PostgreSQL from a Maven artifact) and hands each test class a
 * fresh {@link corp.example.ocsp.testing.postgres.TestDatabase}. Fault tests stop and restart the
 * server or kill sessions through {@link corp.example.ocsp.testing.postgres.PostgresServer}.
 */
package corp.example.ocsp.testing.postgres;
