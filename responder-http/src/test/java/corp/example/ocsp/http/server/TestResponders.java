package corp.example.ocsp.http.server;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.testing.pki.CertBundle;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Responders for the HTTP tests, with named settings:
 * {@code TestResponders.responder("issuing", source).issuer(issuer, signer).cached().build()}.
 * The signers are made when the responder is built, checked as of its clock.
 */
final class TestResponders {
    private final String name;
    private final StatusSource source;
    private final Map<Issuer, CertBundle> signers = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private CacheSettings cache;

    private TestResponders(String name, StatusSource source) {
        this.name = name;
        this.source = source;
    }

    /** A responder named {@code name} that asks {@code source}; it needs at least one {@link #issuer}. */
    static TestResponders responder(String name, StatusSource source) {
        return new TestResponders(name, source);
    }

    /** Answers for {@code issuer}, signed by {@code signer}: a delegated OCSP signer, or the CA itself. */
    TestResponders issuer(Issuer issuer, CertBundle signer) {
        signers.put(issuer, signer);
        return this;
    }

    TestResponders clock(Clock responderClock) {
        clock = responderClock;
        return this;
    }

    /** Caches signed answers and known statuses ({@link CacheSettings#defaults()}); off otherwise. */
    TestResponders cached() {
        cache = CacheSettings.defaults();
        return this;
    }

    Responder build() {
        Responder.Builder builder = Responder.builder(name, source).clock(clock);
        if (cache != null) {
            builder.cache(cache);
        }
        try {
            for (Map.Entry<Issuer, CertBundle> e : signers.entrySet()) {
                CertBundle signer = e.getValue();
                builder.issuer(
                        e.getKey(),
                        ResponderSigner.create(
                                name + " signer", signer.holder(), signer.privateKey(), e.getKey(), clock));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the signers of test responder " + name, e);
        }
        return builder.build();
    }
}
