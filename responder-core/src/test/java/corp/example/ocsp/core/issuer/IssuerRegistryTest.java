package corp.example.ocsp.core.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.TestPki;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

class IssuerRegistryTest {
    private final Ca root = TestPki.newRoot("Registry Root").build();

    @Test
    void hashes_areOverTheSubjectDerAndTheSubjectPublicKeyBits() throws Exception {
        Issuer issuer = Issuer.of("root", root.holder());
        byte[] subject = root.holder().getSubject().getEncoded(ASN1Encoding.DER);
        byte[] keyBits =
                root.holder().getSubjectPublicKeyInfo().getPublicKeyData().getBytes();

        for (HashAlgorithm a : HashAlgorithm.values()) {
            assertThat(issuer.nameHash(a)).as(a.label()).isEqualTo(a.digest(subject));
            assertThat(issuer.keyHash(a)).as(a.label()).isEqualTo(a.digest(keyBits));
        }
        // and agree with Bouncy Castle's own CertificateID
        CertificateID bc = new CertificateID(
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE)),
                root.holder(),
                java.math.BigInteger.ONE);
        assertThat(issuer.nameHash(HashAlgorithm.SHA1)).isEqualTo(bc.getIssuerNameHash());
        assertThat(issuer.keyHash(HashAlgorithm.SHA1)).isEqualTo(bc.getIssuerKeyHash());
    }

    @Test
    void find_matchesEveryAlgorithmAndNothingElse() {
        Issuer issuer = Issuer.of("root", root.holder());
        IssuerRegistry registry = IssuerRegistry.of(List.of(issuer));

        for (HashAlgorithm a : HashAlgorithm.values()) {
            assertThat(registry.find(a, issuer.nameHash(a), issuer.keyHash(a)))
                    .as(a.label())
                    .contains(issuer);
        }
        assertThat(registry.find(
                        HashAlgorithm.SHA256, issuer.nameHash(HashAlgorithm.SHA1), issuer.keyHash(HashAlgorithm.SHA1)))
                .isEmpty();
        assertThat(registry.find(HashAlgorithm.SHA1, issuer.nameHash(HashAlgorithm.SHA1), new byte[20]))
                .isEmpty();
    }

    @Test
    void twoCasWithTheSameNameAndDifferentKeys_areToldApart() {
        Ca a = root.issueIntermediate("Same Name CA").build();
        Ca b = root.issueIntermediate("Same Name CA").build();
        Issuer ia = Issuer.of("a", a.holder());
        Issuer ib = Issuer.of("b", b.holder());
        IssuerRegistry registry = IssuerRegistry.of(List.of(ia, ib));

        assertThat(ia.id()).isNotEqualTo(ib.id());
        HashAlgorithm sha1 = HashAlgorithm.SHA1;
        assertThat(registry.find(sha1, ia.nameHash(sha1), ia.keyHash(sha1))).contains(ia);
        assertThat(registry.find(sha1, ib.nameHash(sha1), ib.keyHash(sha1))).contains(ib);
        assertThat(registry.find(sha1, ia.nameHash(sha1), ib.keyHash(sha1)).map(Issuer::label))
                .contains("b");
    }

    @Test
    void theSameCaUnderTwoLabels_isRefused() {
        assertThatThrownBy(() ->
                        IssuerRegistry.of(List.of(Issuer.of("one", root.holder()), Issuer.of("two", root.holder()))))
                .hasMessageContaining("one")
                .hasMessageContaining("two");
    }

    @Test
    void id_isStableForTheSameNameAndKey() {
        assertThat(Issuer.of("x", root.holder()).id())
                .isEqualTo(Issuer.of("y", root.holder()).id())
                .hasSize(32);
    }
}
