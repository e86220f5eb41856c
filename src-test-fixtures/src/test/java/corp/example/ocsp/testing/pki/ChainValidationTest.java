package corp.example.ocsp.testing.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every key type in every role gives chains the JDK's PKIX validator accepts. */
class ChainValidationTest {

    /** One RSA 3072 key for the whole class, used in every role of the RSA_3072 chain. */
    private static KeyPair rsa3072;

    @BeforeAll
    static void generateSlowKey() {
        rsa3072 = KeyType.RSA_3072.generate();
    }

    @ParameterizedTest
    // JDK 17's PKIX cannot verify ML-DSA (JDK 24+ can); ML-DSA chains are checked by Bouncy Castle
    @EnumSource(value = KeyType.class, names = "ML_DSA_.*", mode = EnumSource.Mode.MATCH_NONE)
    void chain_ofEveryKeyTypeValidatesWithJavaPkix(KeyType type) throws Exception {
        Ca root = keys(TestPki.newRoot("Root " + type), type).build();
        Ca intermediate =
                keys(root.issueIntermediate("Intermediate " + type), type).build();
        CertBundle signer =
                keys(intermediate.issueOcspSigner("Signer " + type), type).build();
        CertBundle leaf = keys(intermediate.issueLeaf("leaf-" + type), type).build();

        for (CertBundle bundle : List.of(root, intermediate, signer, leaf)) {
            assertThat(bundle.keyType()).isEqualTo(type);
            assertSignedWithAlgorithmOf(bundle, type);
        }
        validate(root, leaf.chain().subList(0, 2));
        validate(root, signer.chain().subList(0, 2));
    }

    @Test
    void ed25519Ca_signsWithEd25519EvenForAnEcLeaf() throws Exception {
        Ca root = TestPki.newRoot("Ed Root").keyType(KeyType.ED25519).build();
        CertBundle leaf = root.issueLeaf("ec leaf").keyType(KeyType.EC_P384).build();

        assertThat(leaf.holder().getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.3.101.112");
        assertThat(leaf.keyType()).isEqualTo(KeyType.EC_P384);
        validate(root, List.of(leaf.certificate()));
    }

    @Test
    void chain_fromAnotherRootIsRejected() throws Exception {
        Ca root = TestPki.newRoot("Root").build();
        Ca impostor = TestPki.newRoot("Root").build();
        CertBundle leaf = impostor.issueLeaf("leaf").build();

        assertThatThrownBy(() -> validate(root, List.of(leaf.certificate())))
                .isInstanceOf(CertPathValidatorException.class);
    }

    private static <B extends AbstractCertBuilder<B>> B keys(B builder, KeyType type) {
        return type == KeyType.RSA_3072 ? builder.keyPair(rsa3072) : builder.keyType(type);
    }

    private static void assertSignedWithAlgorithmOf(CertBundle bundle, KeyType expected) throws Exception {
        X509CertificateHolder holder = bundle.holder();
        CertBundle signer = bundle.issuer() == null ? bundle : bundle.issuer();
        assertThat(holder.getSignatureAlgorithm())
                .isEqualTo(new DefaultSignatureAlgorithmIdentifierFinder().find(expected.signatureAlgorithm()));
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .setProvider(TestPki.provider())
                        .build(signer.holder())))
                .isTrue();
        bundle.certificate().verify(signer.certificate().getPublicKey());
    }

    private static void validate(Ca root, List<X509Certificate> path) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }
}
