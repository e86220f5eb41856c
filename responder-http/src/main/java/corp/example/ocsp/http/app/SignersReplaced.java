package corp.example.ocsp.http.app;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import java.util.Set;

/** Told, after a reload, which CAs of a responder sign with a new key from now on (the cache re-signs them). */
interface SignersReplaced {
    /** For a server without a response cache: nothing to re-sign. */
    SignersReplaced NOTHING_CACHED = (responder, issuers) -> {};

    /** Returns at once; whatever follows runs in the background. */
    void replaced(Responder responder, Set<Issuer> issuers);
}
