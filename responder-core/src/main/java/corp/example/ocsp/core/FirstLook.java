package corp.example.ocsp.core;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.request.ParsedRequest;
import java.util.List;

/**
 * What {@link Responder#look} could do without blocking: either the whole answer (a cached
 * response, or an error decided by parsing alone), or a request that needs a status lookup or
 * signing, to be finished by {@link Responder#respond(Pending)} on an executor.
 */
public sealed interface FirstLook permits FirstLook.Answered, FirstLook.Pending {

    /** Answered at once; an answer from the cache says {@link OcspAnswer.Signed#cached()}. */
    record Answered(OcspAnswer answer) implements FirstLook {}

    /** A well-formed request for this responder's CAs that needs blocking work. */
    final class Pending implements FirstLook {
        final ParsedRequest request;
        final List<Issuer> issuers;
        final List<String> serials;
        /** The signer all CertIDs share, chosen once: a rotation meanwhile does not mix signers. */
        final Signers.Binding binding;

        Pending(ParsedRequest request, List<Issuer> issuers, List<String> serials, Signers.Binding binding) {
            this.request = request;
            this.issuers = issuers;
            this.serials = serials;
            this.binding = binding;
        }

        /** The requested serials in hex, for logs. */
        public List<String> serials() {
            return serials;
        }
    }
}
