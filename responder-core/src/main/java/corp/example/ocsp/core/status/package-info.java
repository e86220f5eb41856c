/**
 * Certificate status: what a {@link corp.example.ocsp.core.status.StatusSource} says of a serial
 * number (good, revoked with time and reason, or not known), the SPI the stores implement, and an
 * in-memory implementation for tests and small deployments.
 */
package corp.example.ocsp.core.status;
