package corp.example.ocsp.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The policies of one responder.
 *
 * @param validity         nextUpdate − thisUpdate + 1 s, counted inclusively as BR 4.9.9 does:
 *                         from 8 hours to 10 days. Default 4 days.
 * @param unknownSerial    the answer for a serial of a known issuer the store does not know. Default
 *                         {@link UnknownSerialPolicy#UNKNOWN}.
 * @param nonce            echo or ignore request nonces. Default {@link NoncePolicy#ECHO}.
 * @param responderIdByName ResponderID byName instead of byKey (RFC 9919 §3.2.2 wants byKey).
 *                         Default false.
 * @param maxCertIds       CertIDs allowed in one request; more is malformedRequest. Default 32.
 */
public record ResponderSettings(
        Duration validity,
        UnknownSerialPolicy unknownSerial,
        NoncePolicy nonce,
        boolean responderIdByName,
        int maxCertIds) {
    public static final Duration MIN_VALIDITY = Duration.ofHours(8);
    public static final Duration MAX_VALIDITY = Duration.ofDays(10);
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(4);
    public static final int DEFAULT_MAX_CERT_IDS = 32;

    public ResponderSettings {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(unknownSerial, "unknownSerial");
        Objects.requireNonNull(nonce, "nonce");
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity must be between 8h and 10d (BR 4.9.9), got " + validity);
        }
        if (validity.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("validity must be whole seconds, got " + validity);
        }
        if (maxCertIds < 1 || maxCertIds > 1000) {
            throw new IllegalArgumentException(
                    "the CertIDs allowed in one request must be between 1 and 1000, got " + maxCertIds);
        }
    }

    /** The defaults: 4 days, unknown, echo, byKey, 32 CertIDs. */
    public static ResponderSettings defaults() {
        return new ResponderSettings(
                DEFAULT_VALIDITY, UnknownSerialPolicy.UNKNOWN, NoncePolicy.ECHO, false, DEFAULT_MAX_CERT_IDS);
    }

    public ResponderSettings withValidity(Duration v) {
        return new ResponderSettings(v, unknownSerial, nonce, responderIdByName, maxCertIds);
    }

    public ResponderSettings withUnknownSerial(UnknownSerialPolicy p) {
        return new ResponderSettings(validity, p, nonce, responderIdByName, maxCertIds);
    }

    public ResponderSettings withNonce(NoncePolicy p) {
        return new ResponderSettings(validity, unknownSerial, p, responderIdByName, maxCertIds);
    }

    public ResponderSettings withResponderIdByName(boolean byName) {
        return new ResponderSettings(validity, unknownSerial, nonce, byName, maxCertIds);
    }

    public ResponderSettings withMaxCertIds(int max) {
        return new ResponderSettings(validity, unknownSerial, nonce, responderIdByName, max);
    }
}
