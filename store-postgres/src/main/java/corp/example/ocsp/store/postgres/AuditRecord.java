package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.SerialNumbers;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the audit trail: an admin write, who made it and how it ended.
 *
 * @param command {@code issuer add}, {@code cert add}, {@code cert import}, {@code revoke} or {@code unrevoke}
 * @param issuer the issuer label the command named
 * @param serial the serial, for commands on one certificate
 * @param detail reason and times, counts, or the file imported
 * @param ok true when the change was committed with this row; false for a recorded failure
 * @param error why it failed
 * @param osUser the operating-system user of the process that wrote, as it reported itself
 * @param dbUser the database role, as the server knows it
 */
public record AuditRecord(
        long id,
        Instant at,
        String command,
        Optional<String> issuer,
        Optional<BigInteger> serial,
        String detail,
        boolean ok,
        Optional<String> error,
        String osUser,
        String host,
        long pid,
        String dbUser,
        Optional<String> clientAddress) {

    /** {@code 2026-12-01T10:00:00Z revoke issuing-ca serial 0A1B keyCompromise: ok (os alice, db ocsp_admin, host ca01, pid 4242)}. */
    @Override
    public String toString() {
        return at + " " + command
                + issuer.map(i -> " " + i).orElse("")
                + serial.map(s -> " serial " + SerialNumbers.hex(s)).orElse("")
                + (detail.isEmpty() ? "" : " " + detail)
                + ": " + (ok ? "ok" : "failed: " + error.orElse(""))
                + " (os " + osUser + ", db " + dbUser + ", host " + host + ", pid " + pid
                + clientAddress.map(a -> ", from " + a).orElse("") + ")";
    }
}
