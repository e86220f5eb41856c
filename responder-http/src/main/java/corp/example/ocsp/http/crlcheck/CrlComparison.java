package corp.example.ocsp.http.crlcheck;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusInventory;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.store.crl.CrlSnapshot;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a CA's CRL with its status source: every serial revoked on the CRL must be revoked in
 * the source with the same reason (no reasonCode and unspecified are the same) and time (to the
 * second, a CRL's precision), and the same invalidity date when both have one; every serial the
 * source has revoked must be on the CRL, unless it expired before the CRL was issued (CRLs may drop
 * expired entries) or was revoked after it. A delta CRL is checked one way only (it lists changes).
 */
public final class CrlComparison {
    /** What was found: a line per mismatch, and notes (what was not counted, and why). */
    public record Result(List<String> mismatches, List<String> notes, int onCrl, int revokedInSource) {
        public boolean agree() {
            return mismatches.isEmpty();
        }
    }

    private CrlComparison() {}

    /**
     * Compares {@code crl} with {@code source}'s statuses of {@code issuer}; {@code inventory} (the
     * source's list of what it knows) is needed for the second direction, and its absence is noted.
     *
     * @throws corp.example.ocsp.core.status.StatusUnavailableException when the source cannot answer
     */
    public static Result compare(
            CrlSnapshot crl, Issuer issuer, StatusSource source, Optional<StatusInventory> inventory) {
        List<String> mismatches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int[] onCrl = {0};
        crl.forEach((serial, entry) -> {
            onCrl[0]++;
            onTheCrl(serial, entry, source.lookup(issuer, serial)).ifPresent(mismatches::add);
        });
        int[] revoked = {0};
        if (crl.isDelta()) {
            notes.add("a delta CRL lists changes only: serials revoked in the source were not looked for on it");
        } else if (inventory.isEmpty()) {
            notes.add(
                    "this source cannot list what it holds: serials revoked in the source were not looked for on the CRL");
        } else {
            int[] expired = {0};
            int[] later = {0};
            inventory.get().forEachKnown(c -> {
                if (c.issuer().equals(issuer) && c.status() instanceof CertStatus.Revoked r) {
                    revoked[0]++;
                    inTheSource(c, r, crl, expired, later).ifPresent(mismatches::add);
                }
            });
            if (expired[0] > 0) {
                notes.add(
                        expired[0]
                                + " revoked in the source and not on the CRL expired before its thisUpdate (CRLs may drop them)");
            }
            if (later[0] > 0) {
                notes.add(later[0] + " revoked in the source after the CRL's thisUpdate (due on the next CRL)");
            }
        }
        return new Result(List.copyOf(mismatches), List.copyOf(notes), onCrl[0], revoked[0]);
    }

    private static Optional<String> onTheCrl(BigInteger serial, CertStatus.Revoked entry, CertStatus inSource) {
        String head = "serial " + SerialNumbers.hex(serial) + ": ";
        if (entry.reason().equals(Optional.of(RevocationReason.REMOVE_FROM_CRL))) {
            return inSource instanceof CertStatus.Revoked r
                    ? Optional.of(head + "removed from the CRL (removeFromCRL), the source says " + describe(r))
                    : Optional.empty();
        }
        if (!(inSource instanceof CertStatus.Revoked r)) {
            return Optional.of(head + "on the CRL " + describe(entry) + ", the source says " + inSource);
        }
        List<String> differ = new ArrayList<>();
        if (!second(r.revokedAt()).equals(second(entry.revokedAt()))) {
            differ.add("revocation time");
        }
        if (!reason(r).equals(reason(entry))) {
            differ.add("reason");
        }
        if (r.invalidityDate().isPresent()
                && entry.invalidityDate().isPresent()
                && !second(r.invalidityDate().get())
                        .equals(second(entry.invalidityDate().get()))) {
            differ.add("invalidity date");
        }
        return differ.isEmpty()
                ? Optional.empty()
                : Optional.of(head + String.join(", ", differ) + " differ: on the CRL " + describe(entry)
                        + ", the source says " + describe(r));
    }

    private static Optional<String> inTheSource(
            KnownCertificate c, CertStatus.Revoked r, CrlSnapshot crl, int[] expired, int[] later) {
        if (crl.entry(c.serial()).isPresent()) {
            return Optional.empty(); // compared above
        }
        if (c.notAfter().isPresent() && c.notAfter().get().isBefore(crl.thisUpdate())) {
            expired[0]++;
            return Optional.empty();
        }
        if (second(r.revokedAt()).isAfter(crl.thisUpdate())) {
            later[0]++;
            return Optional.empty();
        }
        return Optional.of(
                "serial " + SerialNumbers.hex(c.serial()) + ": the source says " + describe(r) + ", not on the CRL");
    }

    private static Instant second(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    /** No reasonCode and unspecified are the same (RFC 5280 §5.3.1: unspecified SHOULD be absent). */
    private static RevocationReason reason(CertStatus.Revoked r) {
        return r.reason().orElse(RevocationReason.UNSPECIFIED);
    }

    private static String describe(CertStatus.Revoked r) {
        return "revoked at " + second(r.revokedAt()) + " (" + reason(r).label() + ")"
                + r.invalidityDate().map(d -> ", invalid since " + second(d)).orElse("");
    }
}
