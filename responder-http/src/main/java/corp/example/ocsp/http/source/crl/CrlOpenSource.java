package corp.example.ocsp.http.source.crl;

import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.http.source.WritesRefusedException;
import corp.example.ocsp.store.crl.CrlSource;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** A followed CRL for serving: lookups with the CRL's window, a change feed and inventory, and reads for the admin. */
final class CrlOpenSource implements OpenSource {
    private final CrlSource crl;
    private final boolean notOnCrlGood;

    CrlOpenSource(CrlSource crl, boolean notOnCrlGood) {
        this.crl = crl;
        this.notOnCrlGood = notOnCrlGood;
    }

    /** The source itself (for check-crl, which reads it directly). */
    CrlSource crl() {
        return crl;
    }

    @Override
    public StatusSource statuses() {
        return crl;
    }

    @Override
    public Reachability reachability() {
        return crl;
    }

    @Override
    public Optional<Changes> changes() {
        return Optional.of(new Changes(crl, crl));
    }

    /** With notOnCrl: unknown, a serial not on the CRL may still be known issued to a shared source. */
    @Override
    public boolean knowsIssuance() {
        return notOnCrlGood;
    }

    @Override
    public SourceAdmin admin() {
        return new SourceAdmin() {
            @Override
            public String where() {
                return crl.where();
            }

            @Override
            public List<HeldIssuer> issuers() {
                return List.of(new HeldIssuer(crl.issuer(), crl.revokedCount()));
            }

            @Override
            public Optional<String> describe(String issuerLabel, BigInteger serial) {
                String status;
                try {
                    status = crl.lookup(crl.issuer(), serial).toString();
                } catch (StatusUnavailableException e) {
                    status = e.getMessage();
                }
                return Optional.of(issuerLabel + " serial " + SerialNumbers.hex(serial) + " (decimal " + serial + "): "
                        + status + "; " + crl.where() + ": " + crl.describe());
            }

            @Override
            public StatusWrites writes() {
                throw new WritesRefusedException("CA " + crl.issuer().label() + " is answered from its CRL "
                        + crl.where() + ": revoke at the CA, which publishes the CRL");
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void close() {
        crl.close();
    }

    @Override
    public String toString() {
        return crl.toString();
    }
}
