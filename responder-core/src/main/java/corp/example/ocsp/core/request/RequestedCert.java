package corp.example.ocsp.core.request;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.CertID;

/**
 * One CertID of a request. {@code certId} is the structure exactly as the client sent it, so the
 * response can echo it (RFC 6960 §4.2.2.3: clients match their CertID byte for byte).
 * {@code hashAlgorithm} is empty when the client used a hash this responder does not know.
 */
public record RequestedCert(
        CertID certId, Optional<HashAlgorithm> hashAlgorithm, byte[] nameHash, byte[] keyHash, BigInteger serial) {

    /** The serial in hex as people and {@code openssl} write it, with a minus sign if negative. */
    public String serialHex() {
        return hex(serial);
    }

    /**
     * {@code serial} as OpenSSL prints it (x509 -serial, index.txt): upper-case hex in whole octets,
     * with a minus sign if negative. The one format of logs, the command line and the store.
     */
    public static String hex(BigInteger serial) {
        String h = serial.abs().toString(16).toUpperCase(java.util.Locale.ROOT);
        h = (h.length() % 2 == 1 ? "0" : "") + h;
        return serial.signum() < 0 ? "-" + h : h;
    }
}
