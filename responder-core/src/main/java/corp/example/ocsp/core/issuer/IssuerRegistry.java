package corp.example.ocsp.core.issuer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the issuer of a CertID by (hash algorithm, issuerNameHash, issuerKeyHash). Immutable and
 * thread-safe; a lookup is one hash-map probe.
 */
public final class IssuerRegistry {
    private final Map<Key, Issuer> byHashes = new HashMap<>();
    private final List<Issuer> issuers;

    private IssuerRegistry(Collection<Issuer> issuers) {
        this.issuers = List.copyOf(issuers);
        for (Issuer issuer : this.issuers) {
            for (HashAlgorithm a : HashAlgorithm.values()) {
                Issuer previous = byHashes.put(new Key(a, issuer.nameHash(a), issuer.keyHash(a)), issuer);
                if (previous != null && !previous.label().equals(issuer.label())) {
                    throw new IllegalArgumentException("CAs " + previous.label() + " and " + issuer.label()
                            + " have the same subject name and public key");
                }
            }
        }
    }

    /** A registry of {@code issuers}; refuses two different labels for the same name and key. */
    public static IssuerRegistry of(Collection<Issuer> issuers) {
        return new IssuerRegistry(new ArrayList<>(issuers));
    }

    /** The issuer whose CertID hashes under {@code algorithm} are these, if it is registered. */
    public Optional<Issuer> find(HashAlgorithm algorithm, byte[] nameHash, byte[] keyHash) {
        return Optional.ofNullable(byHashes.get(new Key(algorithm, nameHash, keyHash)));
    }

    public List<Issuer> issuers() {
        return issuers;
    }

    private record Key(HashAlgorithm algorithm, ByteBuffer nameHash, ByteBuffer keyHash) {
        Key(HashAlgorithm algorithm, byte[] nameHash, byte[] keyHash) {
            this(algorithm, ByteBuffer.wrap(nameHash), ByteBuffer.wrap(keyHash));
        }
    }
}
