package corp.example.ocsp.store.postgres;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The {@code serial} column's form: the INTEGER's content octets, minimal two's complement, so a
 * serial is stored exactly (leading zero octets and negative serials included). How people write
 * serials is {@link corp.example.ocsp.core.status.SerialNumbers}.
 */
final class SerialColumn {
    private SerialColumn() {}

    static byte[] encode(BigInteger serial) {
        return serial.toByteArray();
    }

    static BigInteger decode(byte[] stored) {
        return new BigInteger(stored);
    }

    /** The stored form in hex, as the NOTIFY payload carries it. */
    static BigInteger decodeHex(String storedHex) {
        return decode(HexFormat.of().parseHex(storedHex));
    }
}
