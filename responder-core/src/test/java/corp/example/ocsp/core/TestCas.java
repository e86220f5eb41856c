package corp.example.ocsp.core;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.time.Clock;
import java.time.Instant;

/** A small PKI shaped like the seed lab, and helpers to turn its parts into core objects. */
final class TestCas {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    final MutableClock clock;
    final Ca root;
    final Ca issuing;
    final CertBundle signer;
    final Issuer issuer;
    final InMemoryStatusSource source = new InMemoryStatusSource();

    TestCas() {
        this(KeyType.EC_P256);
    }

    TestCas(KeyType signerKey) {
        this(signerKey, NOW);
    }

    /** The PKI as of {@code start}: certificates valid from a minute before it. */
    TestCas(KeyType signerKey, Instant start) {
        clock = MutableClock.at(start);
        root = TestPki.newRoot("Test Root CA")
                .keyType(KeyType.EC_P384)
                .clock(clock)
                .build();
        issuing = root.issueIntermediate("Test Issuing CA")
                .keyType(KeyType.EC_P384)
                .clock(clock)
                .build();
        signer = issuing.issueOcspSigner("Test OCSP Signer")
                .keyType(signerKey)
                .clock(clock)
                .build();
        issuer = issuer(issuing, "issuing");
    }

    static Issuer issuer(CertBundle ca, String label) {
        return Issuer.of(label, ca.holder());
    }

    static ResponderSigner signer(CertBundle signer, Issuer ca, Clock clock) {
        try {
            return ResponderSigner.create(
                    "test signer " + signer.certificate().getSubjectX500Principal(),
                    signer.holder(),
                    signer.privateKey(),
                    ca,
                    clock);
        } catch (SignerLoadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    CertBundle leaf(String cn) {
        return issuing.issueLeaf(cn).clock(clock).build();
    }

    Responder.Builder responder() {
        return Responder.builder("test", source).clock(clock).issuer(issuer, signer(signer, issuer, clock));
    }
}
