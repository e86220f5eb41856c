package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.issuer.Issuer;
import java.time.Instant;

/** A CA registered in the store, with how many certificates the store holds for it. */
public record IssuerRecord(Issuer issuer, Instant createdAt, long certificates) {

    public String label() {
        return issuer.label();
    }
}
