package corp.example.ocsp.store.cfssl;

/**
 * One row of CFSSL's {@code certificates} table as CFSSL holds it, in the text of its columns.
 *
 * @param serialNumber           the serial as stored (decimal digits; a REAL number in the 1.2-era
 *                               SQLite schema)
 * @param authorityKeyIdentifier lower-case hex, empty for certificates from CFSSL before 1.3.0
 * @param caLabel                the signer's label, or empty
 * @param status                 {@code good} or {@code revoked} as CFSSL writes it
 * @param reason                 the reason code, null if NULL
 * @param expiry                 the certificate's notAfter as stored
 * @param revokedAt              as stored ({@code 0001-01-01 00:00:00+00} until revoked), null if NULL
 * @param pem                    the certificate
 */
public record CertdbRow(
        String serialNumber,
        String authorityKeyIdentifier,
        String caLabel,
        String status,
        Integer reason,
        String expiry,
        String revokedAt,
        String pem) {

    /** One line for {@code status}: the row's columns, as CFSSL holds them. */
    public String describe() {
        return "certdb row: status=" + status + " reason=" + (reason == null ? "NULL" : reason) + " revoked_at="
                + (revokedAt == null ? "NULL" : revokedAt) + " expiry=" + expiry + " authority_key_identifier='"
                + authorityKeyIdentifier + "' ca_label='" + caLabel + "' serial_number=" + serialNumber;
    }
}
