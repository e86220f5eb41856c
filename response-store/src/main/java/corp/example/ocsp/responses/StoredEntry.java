package corp.example.ocsp.responses;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Outcome;
import corp.example.ocsp.core.response.CompactResponse;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One stored response, as bytes: format, signer tag, the generation (process) that wrote or confirmed it, thisUpdate, nextUpdate, producedAt, refreshAt,
 * outcome, the status it says, its ETag's digest, the compact response ({@link CompactResponse#body})
 * and a CRC-32C of all that, so a damaged entry is found and never served.
 *
 * @param signerTag  which signer's certificate block completes it ({@link SignerBlocks})
 * @param generation the store's generation ({@link StoreFile#generation()}) that wrote or confirmed it
 */
record StoredEntry(
        long signerTag,
        long generation,
        Instant thisUpdate,
        Instant nextUpdate,
        Instant producedAt,
        Instant refreshAt,
        Outcome outcome,
        CertStatus status,
        byte[] etagDigest,
        byte[] body) {
    static final byte FORMAT = 1;
    private static final int ETAG_BYTES = 32;

    /** The entry of cacheable {@code answer}, signed by the signer of {@code signerTag} with {@code status}. */
    static StoredEntry of(OcspAnswer.Signed answer, CertStatus status, long signerTag, long generation) {
        String etag = answer.etag().orElseThrow(() -> new IllegalArgumentException("not a cacheable answer"));
        return new StoredEntry(
                signerTag,
                generation,
                answer.thisUpdate(),
                answer.nextUpdate(),
                answer.producedAt(),
                answer.refreshAt().orElseThrow(),
                answer.outcome(),
                status,
                HexFormat.of().parseHex(etag, 1, etag.length() - 1),
                CompactResponse.body(answer.der()));
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 4 * 12 + 1 + 28 + ETAG_BYTES + body.length + 4);
        b.put(FORMAT).putLong(signerTag).putLong(generation);
        put(b, thisUpdate);
        put(b, nextUpdate);
        put(b, producedAt);
        put(b, refreshAt);
        b.put((byte) outcome.ordinal());
        putStatus(b, status);
        b.put(etagDigest).put(body);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    /** The entry in {@code value}, or empty if it is damaged or of another format. */
    static Optional<StoredEntry> decode(byte[] value) {
        if (value.length < 1 + 8 + 8 + 48 + 1 + 1 + ETAG_BYTES + 4 || value[0] != FORMAT) {
            return Optional.empty();
        }
        CRC32C crc = new CRC32C();
        crc.update(value, 0, value.length - 4);
        ByteBuffer b = ByteBuffer.wrap(value);
        if (b.getInt(value.length - 4) != (int) crc.getValue()) {
            return Optional.empty();
        }
        b.position(1);
        try {
            long tag = b.getLong();
            long generation = b.getLong();
            Instant thisUpdate = instant(b);
            Instant nextUpdate = instant(b);
            Instant producedAt = instant(b);
            Instant refreshAt = instant(b);
            Outcome outcome = Outcome.values()[b.get()];
            CertStatus status = status(b);
            byte[] etag = new byte[ETAG_BYTES];
            b.get(etag);
            byte[] body = new byte[b.remaining() - 4];
            b.get(body);
            return Optional.of(new StoredEntry(
                    tag, generation, thisUpdate, nextUpdate, producedAt, refreshAt, outcome, status, etag, body));
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
    }

    /** This entry, confirmed by {@code generation}. */
    StoredEntry confirmedBy(long generation) {
        return new StoredEntry(
                signerTag,
                generation,
                thisUpdate,
                nextUpdate,
                producedAt,
                refreshAt,
                outcome,
                status,
                etagDigest,
                body);
    }

    /** The answer this entry and {@code certs} (its signer's block) make. */
    OcspAnswer.Signed answer(byte[] certs, Instant signerExpiry, String serialHex) {
        return new OcspAnswer.Signed(
                CompactResponse.join(body, certs),
                outcome,
                thisUpdate,
                nextUpdate,
                producedAt,
                signerExpiry,
                Optional.of(
                        new OcspAnswer.Caching(refreshAt, '"' + HexFormat.of().formatHex(etagDigest) + '"')),
                java.util.List.of(serialHex),
                true);
    }

    private static void putStatus(ByteBuffer b, CertStatus status) {
        if (status instanceof CertStatus.Revoked r) {
            b.put((byte) 1);
            put(b, r.revokedAt());
            b.putShort((short) (int) r.reason().map(RevocationReason::code).orElse(-1));
            b.put((byte) (r.invalidityDate().isPresent() ? 1 : 0));
            put(b, r.invalidityDate().orElse(Instant.EPOCH));
        } else {
            b.put((byte) (status instanceof CertStatus.Good ? 0 : 2));
        }
    }

    private static CertStatus status(ByteBuffer b) {
        byte kind = b.get();
        if (kind == 0) {
            return CertStatus.good();
        } else if (kind == 2) {
            return CertStatus.notKnown();
        }
        Instant at = instant(b);
        short reason = b.getShort();
        boolean hasInvalidity = b.get() == 1;
        Instant invalidity = instant(b);
        return new CertStatus.Revoked(
                at,
                reason < 0 ? Optional.empty() : RevocationReason.ofCode(reason),
                hasInvalidity ? Optional.of(invalidity) : Optional.empty());
    }

    /** An instant exactly (seconds and nanoseconds): statuses are compared with the source's. */
    private static void put(ByteBuffer b, Instant t) {
        b.putLong(t.getEpochSecond()).putInt(t.getNano());
    }

    private static Instant instant(ByteBuffer b) {
        return Instant.ofEpochSecond(b.getLong(), b.getInt());
    }
}
