/**
 * A CFSSL CA's certdb as a status source: the {@code certificates} table that {@code cfssl sign},
 * {@code cfssl gencert -db-config}, {@code cfssl serve} and {@code multirootca} write and {@code
 * cfssl revoke} updates, read through its primary key and never written.
 *
 * <ul>
 *   <li>{@link corp.example.ocsp.store.cfssl.DbConfig}: CFSSL's db-config JSON ({@code
 *       {"driver":"postgres"|"sqlite3"|"mysql","data_source":"..."}}), read as CFSSL reads it.
 *   <li>{@link corp.example.ocsp.store.cfssl.Certdb}: the open certdb, a {@code StatusSource} and
 *       {@code Reachability} of the core SPI; {@link corp.example.ocsp.store.cfssl.CertdbRow} is one
 *       row as CFSSL holds it (for {@code status}).
 *   <li>package-private: the SQL dialects ({@code Dialect}), the data_source forms ({@code
 *       PostgresDsn}, {@code MysqlDsn}), the mapping of rows to statuses ({@code RowMapping}), the check that a row's
 *       PEM is the certificate asked for ({@code PemCheck}) and the time formats ({@code TimeText}).
 * </ul>
 *
 * <p>Times: PostgreSQL's carry their zone; SQLite's and MySQL's have none and are read as UTC, as
 * CFSSL writes them (its {@code CURRENT_TIMESTAMP} on MySQL is the server's time zone: run the
 * server in UTC, as CFSSL assumes).
 *
 * <p>Which row is whose: the primary key is (serial_number, authority_key_identifier), the serial
 * as its decimal digits, the AKI as lower-case hex, empty for every certificate CFSSL before 1.3.0
 * wrote. A row is a CA's when its AKI equals the CA's subject key identifier (in any case), or, when
 * it is empty, when its PEM is signed by the CA (checked once per serial and CA, remembered). A row
 * whose PEM carries another serial (the 1.2-era SQLite schema stored serials as REAL numbers, which
 * lose digits) is not the certificate asked for: not known, with one warning naming the schema.
 *
 * <p>How rows map: {@code good} is good; {@code revoked} is revoked at {@code revoked_at} with the
 * reason, no reason for 0 (as {@code cfssl ocspsign} encodes it) and for codes RFC 5280 does not
 * define (7, or out of range; logged once per code); a revoked row with a zero, NULL or unreadable
 * {@code revoked_at} (CFSSL inserts {@code 0001-01-01}, or MySQL's {@code 0000-00-00}; hand-patched MySQL schemas
 * hold NULL or 1970)
 * is revoked at the certificate's notBefore, the earliest time it could have been relied on, logged
 * once per certificate; any other status, an unreadable PEM and no row are not known.
 */
package corp.example.ocsp.store.cfssl;
