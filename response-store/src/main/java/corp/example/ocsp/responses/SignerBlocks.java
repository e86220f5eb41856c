package corp.example.ocsp.responses;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.CompactResponse;
import corp.example.ocsp.core.signing.ResponderSigner;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate blocks that complete stored responses, by CA and signer tag (the first 8 bytes of
 * the SHA-256 of the block; 0 for the empty block of a CA signing its own responses, whose key is
 * the CA's: another key is another CA): the configured signers', and after a rotation the replaced
 * ones' too, so entries they signed are served (each until its own certificate expires) until they
 * are signed again. A tag not here is a key that is not configured: its entries are not served.
 */
final class SignerBlocks {
    /** A signer's block and the notAfter of its certificate. */
    record Block(byte[] certs, Instant notAfter) {}

    private final Map<Issuer, Map<Long, Block>> blocks = new ConcurrentHashMap<>();
    private final Map<Issuer, Long> current = new ConcurrentHashMap<>();

    /** Adds {@code signers} as the current signers of their CAs, keeping the blocks of the ones they replace. */
    void add(Map<Issuer, ResponderSigner> signers) {
        signers.forEach((issuer, signer) -> {
            byte[] certs = CompactResponse.certs(signer);
            long tag = tag(certs);
            learn(issuer, tag, certs, signer.notAfter());
            current.put(issuer, tag);
        });
    }

    /** Knows {@code certs} as the block of {@code issuer}'s signer {@code tag}, whose certificate ends at {@code notAfter}. */
    void learn(Issuer issuer, long tag, byte[] certs, Instant notAfter) {
        blocks.computeIfAbsent(issuer, i -> new ConcurrentHashMap<>()).putIfAbsent(tag, new Block(certs, notAfter));
    }

    /** The block of {@code issuer}'s signer {@code tag}, if it is one configured in this process. */
    Optional<Block> block(Issuer issuer, long tag) {
        Map<Long, Block> of = blocks.get(issuer);
        return of == null ? Optional.empty() : Optional.ofNullable(of.get(tag));
    }

    /** The tag of {@code issuer}'s current signer. */
    long current(Issuer issuer) {
        Long tag = current.get(issuer);
        if (tag == null) {
            throw new IllegalArgumentException("no signer for CA " + issuer.label());
        }
        return tag;
    }

    /** The tag of the block {@code certs}. */
    static long tag(byte[] certs) {
        if (certs.length == 0) {
            return 0;
        }
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(certs))
                    .getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
