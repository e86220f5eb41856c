package corp.example.ocsp.core.cache;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import java.math.BigInteger;

/**
 * Which cached response answers a CertID: its issuer, serial, hash algorithm, and whether the hash
 * AlgorithmIdentifier had its NULL parameters (a response echoes the CertID byte for byte, so the
 * two encodings are two entries).
 */
public record CacheKey(Issuer issuer, BigInteger serial, HashAlgorithm algorithm, boolean parametersAbsent) {
}
