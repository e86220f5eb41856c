package corp.example.ocsp.responses;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** A CA with a delegated signer, and real signed answers for its serials, to store. */
final class StorePki {
    final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:15:30Z"));
    final Ca ca;
    final Issuer issuer;
    final InMemoryStatusSource source = new InMemoryStatusSource();
    private CertBundle signerBundle;
    private ResponderSigner signer;
    private Responder responder;

    StorePki(String name) {
        ca = TestPki.newRoot(name).keyType(KeyType.EC_P256).clock(clock).build();
        issuer = Issuer.of(name.toLowerCase().replace(' ', '-'), ca.holder());
        rotate();
    }

    /** A new delegated signer key: answers from now on are signed by it. */
    void rotate() {
        signerBundle = ca.issueOcspSigner("OCSP " + System.nanoTime())
                .keyType(KeyType.EC_P256)
                .clock(clock)
                .build();
        try {
            signer = ResponderSigner.create("test", signerBundle.holder(), signerBundle.privateKey(), issuer, clock);
        } catch (SignerLoadException e) {
            throw new AssertionError(e);
        }
        responder = Responder.builder("store-test", source)
                .clock(clock)
                .cache(CacheSettings.disabled())
                .issuer(issuer, signer)
                .build();
    }

    Map<Issuer, ResponderSigner> signers() {
        return Map.of(issuer, signer);
    }

    X509CertificateHolder signerCertificate() {
        return signer.certificate();
    }

    static CacheKey key(Issuer issuer, BigInteger serial) {
        return new CacheKey(issuer, serial, HashAlgorithm.SHA1, false);
    }

    CacheKey key(BigInteger serial) {
        return key(issuer, serial);
    }

    /** The signed answer for {@code serial}, which the source says {@code status} of. */
    OcspAnswer.Signed answer(BigInteger serial, CertStatus status) {
        source.put(issuer, serial, status);
        byte[] request = OcspRequestBuilder.create()
                .certId(ca.certificate(), serial, CertIdHash.SHA1)
                .build();
        return (OcspAnswer.Signed) responder.respond(request);
    }

    /** True if {@code der} parses and its signature verifies with the certificate it carries, {@code by}. */
    static boolean verifies(byte[] der, X509CertificateHolder by) {
        try {
            BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
            return basic.getCerts().length == 1
                    && basic.getCerts()[0].equals(by)
                    && basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(by));
        } catch (Exception e) {
            return false;
        }
    }
}
