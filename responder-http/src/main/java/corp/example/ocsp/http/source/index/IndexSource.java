package corp.example.ocsp.http.source.index;

import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.http.source.WritesRefusedException;
import corp.example.ocsp.store.openssl.IndexFileSource;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** A followed {@code index.txt} for serving: lookups, a change feed and inventory, and reads for the admin. */
final class IndexSource implements OpenSource {
    private final IndexFileSource index;

    IndexSource(IndexFileSource index) {
        this.index = index;
    }

    @Override
    public StatusSource statuses() {
        return index;
    }

    @Override
    public Reachability reachability() {
        return index;
    }

    @Override
    public Optional<Changes> changes() {
        return Optional.of(new Changes(index, index));
    }

    @Override
    public SourceAdmin admin() {
        return new Admin();
    }

    @Override
    public void close() {
        index.close();
    }

    @Override
    public String toString() {
        return index.toString();
    }

    /** Reads only: openssl ca keeps the file. */
    private final class Admin implements SourceAdmin {
        @Override
        public String where() {
            return index.file().toString();
        }

        @Override
        public List<HeldIssuer> issuers() {
            return List.of(new HeldIssuer(index.issuer(), index.size()));
        }

        @Override
        public Optional<String> describe(String issuerLabel, BigInteger serial) {
            return index.entry(serial)
                    .map(e -> issuerLabel + " serial " + SerialNumbers.hex(serial) + " (decimal " + serial + "): "
                            + e.status() + "; " + index.file() + " line " + e.line() + ": state " + e.state()
                            + ", expires " + e.expires() + ", subject " + e.subject());
        }

        @Override
        public StatusWrites writes() {
            throw new WritesRefusedException("openssl ca is the record of CA "
                    + index.issuer().label() + " ("
                    + index.file() + "): revoke with 'openssl ca -config openssl.cnf -revoke CERT.pem -crl_reason"
                    + " REASON', issue with 'openssl ca -config openssl.cnf -in REQ.csr'");
        }

        @Override
        public void close() {}
    }
}
