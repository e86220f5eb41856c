package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;

/**
 * A certificates row as the feed read it: its status now (not known if deleted) and the top-level
 * transaction that last wrote it ({@code xid}, or -1 when unknown).
 */
record RowChange(long issuerId, BigInteger serial, CertStatus status, long xid) {

    /** The (issuer, serial) this change is about. */
    Key key() {
        return new Key(issuerId, serial);
    }

    record Key(long issuerId, BigInteger serial) {}
}
