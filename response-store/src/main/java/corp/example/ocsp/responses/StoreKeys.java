package corp.example.ocsp.responses;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CacheKey} as LMDB key bytes: the CA's id (16 bytes, {@link Issuer#id()}), the length of
 * the serial's two's-complement bytes and those bytes, then the CertID hash algorithm and whether its
 * parameters were absent; so every form of one serial's answer shares a {@link #prefix}.
 */
final class StoreKeys {
    private static final int ID_BYTES = 16;

    private StoreKeys() {}

    static byte[] of(CacheKey key) {
        byte[] prefix = prefix(key.issuer(), key.serial());
        byte[] out = Arrays.copyOf(prefix, prefix.length + 2);
        out[prefix.length] = (byte) key.algorithm().ordinal();
        out[prefix.length + 1] = (byte) (key.parametersAbsent() ? 1 : 0);
        return out;
    }

    /** What the keys of every form of {@code serial}'s answer start with. */
    static byte[] prefix(Issuer issuer, BigInteger serial) {
        byte[] id = HexFormat.of().parseHex(issuer.id());
        byte[] bytes = serial.toByteArray();
        byte[] out = new byte[ID_BYTES + 1 + bytes.length];
        System.arraycopy(id, 0, out, 0, ID_BYTES);
        out[ID_BYTES] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, ID_BYTES + 1, bytes.length);
        return out;
    }

    /** The key {@code bytes} stand for, if they name one of {@code issuers} (by id) and are well formed. */
    static Optional<CacheKey> parse(byte[] bytes, Map<String, Issuer> issuers) {
        if (bytes.length < ID_BYTES + 4) {
            return Optional.empty();
        }
        int length = bytes[ID_BYTES] & 0xff;
        int alg = bytes.length == ID_BYTES + 1 + length + 2 ? bytes[bytes.length - 2] : -1;
        Issuer issuer = issuers.get(HexFormat.of().formatHex(bytes, 0, ID_BYTES));
        if (issuer == null || length == 0 || alg < 0 || alg >= HashAlgorithm.values().length) {
            return Optional.empty();
        }
        return Optional.of(new CacheKey(
                issuer,
                new BigInteger(Arrays.copyOfRange(bytes, ID_BYTES + 1, ID_BYTES + 1 + length)),
                HashAlgorithm.values()[alg],
                bytes[bytes.length - 1] == 1));
    }
}
