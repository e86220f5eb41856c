package corp.example.ocsp.core.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IssuerTest {
    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void issued_isTrueForItsOwnCertificatesAndSaysWhyNotForOthers(KeyType type) {
        Ca ca = TestPki.newRoot("Issued Root").keyType(type).build();
        Ca sameNameOtherKey = TestPki.newRoot("Issued Root").keyType(type).build();
        Ca otherName = TestPki.newRoot("Other Root").keyType(type).build();
        Issuer issuer = Issuer.of("issued", ca.holder());
        X509CertificateHolder own = ca.issueLeaf("own.example").build().holder();
        X509CertificateHolder forged =
                sameNameOtherKey.issueLeaf("forged.example").build().holder();
        X509CertificateHolder foreign =
                otherName.issueLeaf("foreign.example").build().holder();

        assertThat(issuer.issued(own)).isTrue();
        assertThat(issuer.whyNotIssued(own)).isEmpty();

        assertThat(issuer.issued(forged)).isFalse();
        assertThat(issuer.whyNotIssued(forged)).contains("its signature does not verify with the CA's public key");

        assertThat(issuer.issued(foreign)).isFalse();
        assertThat(issuer.whyNotIssued(foreign)).contains("its issuer name is CN=Other Root");
    }
}
