package corp.example.ocsp.core;

/** What to do with a request's nonce. */
public enum NoncePolicy {
    /** Sign a fresh response with the identical nonce in responseExtensions (RFC 9654). The default. */
    ECHO,
    /** Answer without the nonce, so the response may be a cached one (RFC 9919 §3.2.1, §4). */
    IGNORE
}
