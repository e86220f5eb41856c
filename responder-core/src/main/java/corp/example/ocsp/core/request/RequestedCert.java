package corp.example.ocsp.core.request;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.status.SerialNumbers;
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
    /** The serial in hex as people and {@code openssl} write it ({@link SerialNumbers#hex}). */
    public String serialHex() {
        return SerialNumbers.hex(serial);
    }
}
