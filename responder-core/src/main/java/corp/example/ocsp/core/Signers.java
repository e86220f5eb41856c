package corp.example.ocsp.core;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.ResponseEncoder;
import corp.example.ocsp.core.signing.ResponderSigner;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The signer of each of a responder's CAs, shared by the request path and the cache maintenance.
 * Replaced as a whole when keys rotate: a reader takes one {@link #now()} per request, so a
 * rotation meanwhile never mixes signers in one answer. Thread-safe.
 */
final class Signers {
    /** A CA's signer with its encoder. */
    record Binding(ResponderSigner signer, ResponseEncoder encoder) {}

    private final String responder;
    private final boolean responderIdByName;
    private volatile Map<Issuer, Binding> bindings;

    /** The responder these sign for, for logs. */
    String responder() {
        return responder;
    }

    Signers(String responder, Map<Issuer, ResponderSigner> signers, boolean responderIdByName) {
        this.responder = responder;
        this.responderIdByName = responderIdByName;
        Map<Issuer, Binding> initial = new LinkedHashMap<>();
        signers.forEach((issuer, signer) -> initial.put(issuer, new Binding(signer, null)));
        this.bindings = withEncoders(initial);
    }

    /** Every CA's binding as of now, immutable. */
    Map<Issuer, Binding> now() {
        return bindings;
    }

    /** {@code issuer}'s binding now, or null if the responder does not answer for it. */
    Binding of(Issuer issuer) {
        return bindings.get(issuer);
    }

    boolean serves(Issuer issuer) {
        return bindings.containsKey(issuer);
    }

    /**
     * Uses {@code signers} for their CAs from now on; other CAs keep theirs.
     *
     * @throws IllegalArgumentException if a CA is not one this responder answers for
     */
    synchronized void replace(Map<Issuer, ResponderSigner> signers) {
        Map<Issuer, Binding> next = new LinkedHashMap<>(bindings);
        signers.forEach((issuer, signer) -> {
            if (!next.containsKey(issuer)) {
                throw new IllegalArgumentException(
                        "responder " + responder + " does not answer for CA " + issuer.label());
            }
            next.put(issuer, new Binding(Objects.requireNonNull(signer, "signer"), null));
        });
        bindings = withEncoders(next);
    }

    /** An immutable copy of {@code bindings}, with one encoder per distinct signer. */
    private Map<Issuer, Binding> withEncoders(Map<Issuer, Binding> bindings) {
        Map<ResponderSigner, ResponseEncoder> encoders = new LinkedHashMap<>();
        bindings.values().stream().filter(b -> b.encoder() != null).forEach(b -> encoders.put(b.signer(), b.encoder()));
        Map<Issuer, Binding> out = new LinkedHashMap<>();
        bindings.forEach((ca, b) -> out.put(
                ca,
                new Binding(
                        b.signer(),
                        encoders.computeIfAbsent(b.signer(), s -> new ResponseEncoder(s, responderIdByName)))));
        return Collections.unmodifiableMap(out);
    }
}
