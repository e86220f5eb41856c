package corp.example.ocsp.responses;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.CompactResponse;
import corp.example.ocsp.core.signing.ResponderSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate blocks that complete stored responses, by CA and signer tag (the first 8 bytes of
 * the SHA-256 of the signer's certificate): the configured signers', and after a rotation the
 * replaced ones' too, so entries they signed are served (each until its own certificate expires)
 * until they are signed again. A tag not here is a key that is not configured: its entries are not
 * served.
 */
final class SignerBlocks {
    /** A signer's block and the notAfter of its certificate. */
    record Block(byte[] certs, Instant notAfter) {}

    private final Map<Issuer, Map<Long, Block>> blocks = new ConcurrentHashMap<>();
    private final Map<Issuer, Long> current = new ConcurrentHashMap<>();

    /** Adds {@code signers} as the current signers of their CAs, keeping the blocks of the ones they replace. */
    void add(Map<Issuer, ResponderSigner> signers) {
        signers.forEach((issuer, signer) -> {
            long tag = tag(signer);
            blocks.computeIfAbsent(issuer, i -> new ConcurrentHashMap<>())
                    .put(tag, new Block(CompactResponse.certs(signer), signer.notAfter()));
            current.put(issuer, tag);
        });
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

    static long tag(ResponderSigner signer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(signer.certificate().getEncoded());
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
