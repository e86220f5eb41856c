package corp.example.ocsp.core.status;

import corp.example.ocsp.core.issuer.Issuer;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/** One entry of a {@link StatusInventory}: a certificate's issuer, serial, status and expiry if known. */
public record KnownCertificate(Issuer issuer, BigInteger serial, CertStatus status, Optional<Instant> notAfter) {}
