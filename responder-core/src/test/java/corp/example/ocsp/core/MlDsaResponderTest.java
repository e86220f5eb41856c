package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignerFiles;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.testing.ModernJdk;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ML-DSA responder keys (FIPS 204): loaded from PKCS#8 files, signing with Bouncy Castle, the
 * algorithm following the key. The responses verify with Bouncy Castle and, where a JDK 24+ is
 * installed, with that JDK's own {@code Signature}.
 */
class MlDsaResponderTest {
    /** The signatureAlgorithm each key type must produce: the FIPS 204 OID, no parameters (RFC 9881). */
    private static final Map<KeyType, String> ALGORITHM_DER = Map.of(
            KeyType.ML_DSA_44, "300b0609608648016503040311",
            KeyType.ML_DSA_65, "300b0609608648016503040312",
            KeyType.ML_DSA_87, "300b0609608648016503040313");

    private static final Optional<ModernJdk> MODERN_JDK = ModernJdk.find();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
    void mlDsaSigner_fromPkcs8Files_answersGoodVerifiedByBouncyCastle(KeyType type) throws Exception {
        Pki pki = new Pki(type);

        Parsed p = Parsed.of(pki.respond().der());

        assertThat(p.basic().getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(HexFormat.of()
                        .formatHex(p.asn1()
                                .getSignatureAlgorithm()
                                .toASN1Primitive()
                                .getEncoded(ASN1Encoding.DER)))
                .isEqualTo(ALGORITHM_DER.get(type));
        assertThat(p.signedBy(pki.signer.certificate())).isTrue();
        assertThat(pki.responderSigner.providerDescription()).startsWith("Bouncy Castle");
        assertThat(p.basic().getCerts()).containsExactly(pki.signer.holder());
        System.out.printf(
                "%s: response %d bytes (signature %d, signer certificate %d)%n",
                type,
                p.resp().getEncoded().length,
                p.basic().getSignature().length,
                pki.signer.holder().getEncoded().length);
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
    void mlDsaResponse_verifiesWithTheOwnSignatureOfAJdk24OrLater(KeyType type) throws Exception {
        assumeTrue(
                MODERN_JDK.isPresent(),
                "NOT RUN: no JDK " + ModernJdk.MIN_FEATURE + "+ under /usr/lib/jvm (or at OCSP_TEST_MODERN_JDK),"
                        + " so the ML-DSA responses were not verified by a JDK's own Signature");
        Pki pki = new Pki(type);
        Parsed p = Parsed.of(pki.respond().der());
        byte[] tbs = p.basic().getTBSResponseData();
        byte[] signature = p.basic().getSignature();
        byte[] tampered = signature.clone();
        tampered[tampered.length / 2] ^= 0x01;

        List<String> lines = MODERN_JDK
                .get()
                .verify(
                        dir,
                        pki.signer.holder().getEncoded(),
                        p.basic().getSignatureAlgOID().getId(),
                        List.of(new ModernJdk.Signed(tbs, signature), new ModernJdk.Signed(tbs, tampered)));

        System.out.println(type + " verified by " + MODERN_JDK.get() + ": " + lines);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).as("the response's signature").startsWith("true SUN ");
        assertThat(lines.get(1)).as("the signature with one bit flipped").startsWith("false SUN ");
    }

    /** A root, issuing CA and delegated signer all of {@code type}: the size a real ML-DSA PKI gives. */
    private final class Pki {
        final MutableClock clock = MutableClock.at(TestCas.NOW);
        final CertBundle signer;
        final CertBundle leaf;
        final Issuer issuer;
        final ResponderSigner responderSigner;
        final InMemoryStatusSource source = new InMemoryStatusSource();

        Pki(KeyType type) throws Exception {
            Ca root = TestPki.newRoot("ML-DSA Root " + type)
                    .keyType(type)
                    .clock(clock)
                    .build();
            Ca issuing = root.issueIntermediate("ML-DSA Issuing " + type)
                    .keyType(type)
                    .clock(clock)
                    .build();
            signer = issuing.issueOcspSigner("ML-DSA OCSP " + type)
                    .keyType(type)
                    .clock(clock)
                    .build();
            leaf = issuing.issueLeaf("leaf.example").clock(clock).build();
            issuer = Issuer.of("issuing", issuing.holder());
            Path cert = signer.writeCertPem(dir.resolve(type + "-signer.pem"));
            Path key = signer.writeKeyPem(dir.resolve(type + "-signer.key"));
            responderSigner = SignerFiles.fromPem(cert, key, null, issuer, clock);
            source.good(issuer, leaf.serial());
        }

        OcspAnswer respond() {
            return Responder.builder("ml-dsa", source)
                    .clock(clock)
                    .issuer(issuer, responderSigner)
                    .build()
                    .respond(OcspRequestBuilder.create()
                            .certId(leaf, CertIdHash.SHA1)
                            .nonceOfLength(32)
                            .build());
        }
    }
}
