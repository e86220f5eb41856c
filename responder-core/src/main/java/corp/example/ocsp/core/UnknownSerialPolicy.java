package corp.example.ocsp.core;

/** How to answer a serial of a known issuer that the status source does not know. */
public enum UnknownSerialPolicy {
    /** A signed {@code unknown} (RFC 6960 §2.2). The default. */
    UNKNOWN,
    /** The unsigned error {@code unauthorized} (RFC 9919 §3.2.3). */
    UNAUTHORIZED,
    /**
     * A signed {@code revoked} with reason certificateHold, revocationTime 1970-01-01 and the
     * extended-revoke extension (RFC 6960 §2.2, §4.4.8). Not for CAs under the CA/B Forum BRs,
     * which forbid certificateHold (BR 7.2.2).
     */
    REVOKED
}
