package corp.example.ocsp.core.status;

import corp.example.ocsp.core.issuer.Issuer;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StatusSource} held in memory, keyed by the issuer's {@link Issuer#id() id}. Thread-safe.
 * Serials never recorded are {@link CertStatus#notKnown() not known}.
 */
public final class InMemoryStatusSource implements StatusSource {
    private final Map<String, Map<BigInteger, CertStatus>> byIssuer = new ConcurrentHashMap<>();

    /** Records {@code serial} of {@code issuer} as {@code status}, replacing what was there. */
    public InMemoryStatusSource put(Issuer issuer, BigInteger serial, CertStatus status) {
        Objects.requireNonNull(status, "status");
        byIssuer.computeIfAbsent(issuer.id(), k -> new ConcurrentHashMap<>()).put(serial, status);
        return this;
    }

    /** Records {@code serial} as issued and not revoked. */
    public InMemoryStatusSource good(Issuer issuer, BigInteger serial) {
        return put(issuer, serial, CertStatus.good());
    }

    /** Forgets {@code serial}: it becomes not known. */
    public InMemoryStatusSource remove(Issuer issuer, BigInteger serial) {
        Map<BigInteger, CertStatus> m = byIssuer.get(issuer.id());
        if (m != null) {
            m.remove(serial);
        }
        return this;
    }

    @Override
    public CertStatus lookup(Issuer issuer, BigInteger serial) {
        Map<BigInteger, CertStatus> m = byIssuer.get(issuer.id());
        CertStatus s = m == null ? null : m.get(serial);
        return s == null ? CertStatus.notKnown() : s;
    }
}
