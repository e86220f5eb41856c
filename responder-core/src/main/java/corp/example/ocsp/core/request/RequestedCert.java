package corp.example.ocsp.core.request;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.CertID;

/**
 * One CertID of a request. {@code certId} is the structure exactly as the client sent it, so the
 * response can echo it (RFC 6960 §4.2.2.3: clients match their CertID byte for byte).
 * {@code hashAlgorithm} is empty when the client used a hash this responder does not know.
 */
public record RequestedCert(
        CertID certId, Optional<HashAlgorithm> hashAlgorithm, byte[] nameHash, byte[] keyHash, BigInteger serial) {
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    /** The serial in hex as people and {@code openssl} write it, with a minus sign if negative. */
    public String serialHex() {
        return hex(serial);
    }

    /**
     * {@code serial} as OpenSSL prints it (x509 -serial, index.txt): upper-case hex in whole octets,
     * with a minus sign if negative. The one format of logs, the command line and the store.
     */
    public static String hex(BigInteger serial) {
        // from the octets, not toString(16): its radix conversion by division was 9 % of the event
        // loops' profile under nonce load (every request's serial is logged)
        byte[] octets = serial.abs().toByteArray();
        int from = octets.length > 1 && octets[0] == 0 ? 1 : 0; // the sign octet of a positive number
        String h = UPPER_HEX.formatHex(octets, from, octets.length);
        return serial.signum() < 0 ? "-" + h : h;
    }
}
