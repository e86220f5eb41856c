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
 * A {@link CacheKey} as LMDB key bytes: the CA's id (16 bytes, {@link Issuer#id()}), the CertID hash
 * algorithm, whether its parameters were absent, and the serial's two's-complement bytes.
 */
final class StoreKeys {
    private static final int ID_BYTES = 16;

    private StoreKeys() {}

    static byte[] of(CacheKey key) {
        byte[] id = HexFormat.of().parseHex(key.issuer().id());
        byte[] serial = key.serial().toByteArray();
        byte[] out = new byte[ID_BYTES + 2 + serial.length];
        System.arraycopy(id, 0, out, 0, ID_BYTES);
        out[ID_BYTES] = (byte) key.algorithm().ordinal();
        out[ID_BYTES + 1] = (byte) (key.parametersAbsent() ? 1 : 0);
        System.arraycopy(serial, 0, out, ID_BYTES + 2, serial.length);
        return out;
    }

    /** The key {@code bytes} stand for, if they name one of {@code issuers} (by id) and are well formed. */
    static Optional<CacheKey> parse(byte[] bytes, Map<String, Issuer> issuers) {
        if (bytes.length <= ID_BYTES + 2 || bytes[ID_BYTES] < 0 || bytes[ID_BYTES] >= HashAlgorithm.values().length) {
            return Optional.empty();
        }
        Issuer issuer = issuers.get(HexFormat.of().formatHex(bytes, 0, ID_BYTES));
        if (issuer == null) {
            return Optional.empty();
        }
        return Optional.of(new CacheKey(
                issuer,
                new BigInteger(Arrays.copyOfRange(bytes, ID_BYTES + 2, bytes.length)),
                HashAlgorithm.values()[bytes[ID_BYTES]],
                bytes[ID_BYTES + 1] == 1));
    }
}
