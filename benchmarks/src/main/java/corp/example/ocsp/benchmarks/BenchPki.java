package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.time.Clock;

/**
 * The PKI every benchmark uses: a P-384 root and issuing CA, a delegated OCSP signer of the given
 * key type, and one leaf; {@link #responder} starts a Responder for the issuing CA.
 */
final class BenchPki {
    final Ca issuing;
    final CertBundle signer;
    final CertBundle leaf;
    final Issuer issuer;

    BenchPki(KeyType signerKey) {
        Ca root = TestPki.newRoot("Bench Root").keyType(KeyType.EC_P384).build();
        issuing = root.issueIntermediate("Bench Issuing CA")
                .keyType(KeyType.EC_P384)
                .build();
        signer = issuing.issueOcspSigner("Bench OCSP").keyType(signerKey).build();
        leaf = issuing.issueLeaf("bench.example").build();
        issuer = Issuer.of("issuing", issuing.holder());
    }

    /** A responder for the issuing CA signing with {@link #signer}; the caller adds settings and builds. */
    Responder.Builder responder(StatusSource source) throws Exception {
        return responder(source, SignatureProvider.AUTO);
    }

    /** {@link #responder(StatusSource)} signing with {@code provider}. */
    Responder.Builder responder(StatusSource source, SignatureProvider provider) throws Exception {
        return Responder.builder("bench", source).issuer(issuer, signer(provider));
    }

    /** The responder signer of {@link #signer}, computed by {@code provider}. */
    ResponderSigner signer(SignatureProvider provider) throws Exception {
        return ResponderSigner.create(
                "bench", signer.holder(), signer.privateKey(), issuer, Clock.systemUTC(), provider);
    }
}
