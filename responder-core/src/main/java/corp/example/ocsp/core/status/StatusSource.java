package corp.example.ocsp.core.status;

import corp.example.ocsp.core.issuer.Issuer;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the responder learns the status of a certificate: a database, a file, memory.
 *
 * <p>Implementations are thread-safe and may block (they are never called on an event loop).
 * A source that cannot answer right now (database unreachable, timeout) throws {@link
 * StatusUnavailableException}; the responder then answers {@code tryLater}, never {@code good}.
 */
public interface StatusSource {

    /** The status of {@code serial} issued by {@code issuer}; never null. */
    CertStatus lookup(Issuer issuer, BigInteger serial);

    /**
     * The statuses of several serials of one issuer, with every requested serial as a key. The
     * default asks {@link #lookup} once per serial; stores override it with one round trip.
     */
    default Map<BigInteger, CertStatus> lookupAll(Issuer issuer, Collection<BigInteger> serials) {
        Map<BigInteger, CertStatus> out = new LinkedHashMap<>();
        for (BigInteger serial : serials) {
            out.put(serial, lookup(issuer, serial));
        }
        return out;
    }

    /**
     * When {@code issuer}'s statuses hold, for a source whose statuses are as of a time and expire
     * (a CRL's thisUpdate and nextUpdate); empty, the default, for a source that is current. A cheap
     * field read: called for every answer signed.
     */
    default Optional<StatusWindow> window(Issuer issuer) {
        return Optional.empty();
    }
}
