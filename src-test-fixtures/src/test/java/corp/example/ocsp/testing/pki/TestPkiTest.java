package corp.example.ocsp.testing.pki;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.MutableClock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extensions each role gets: root, intermediate, OCSP signer, leaf. */
class TestPkiTest {

    private static Ca root;
    private static Ca intermediate;

    @BeforeAll
    static void buildCas() {
        root = TestPki.newRoot("Test Root").build();
        intermediate = root.issueIntermediate("Test Issuing CA").build();
    }

    @Test
    void root_isSelfSignedCaWithCriticalBasicConstraintsAndKeyUsage() throws Exception {
        X509CertificateHolder holder = root.holder();
        X509Certificate cert = root.certificate();

        cert.verify(cert.getPublicKey());
        assertThat(holder.getSubject()).isEqualTo(holder.getIssuer());
        assertThat(holder.getSubject().toString()).isEqualTo("CN=Test Root");
        assertCritical(holder, Extension.basicConstraints);
        assertThat(BasicConstraints.fromExtensions(holder.getExtensions()).isCA())
                .isTrue();
        assertThat(cert.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertCritical(holder, Extension.keyUsage);
        assertThat(keyUsage(holder)).isEqualTo(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);
        assertThat(holder.getExtension(Extension.subjectKeyIdentifier)).isNotNull();
        assertThat(holder.getExtension(Extension.authorityKeyIdentifier)).isNull();
        assertThat(holder.getExtension(Extension.authorityInfoAccess)).isNull();
        assertThat(root.issuer()).isNull();
        assertThat(root.issuerCertificate()).isSameAs(cert);
        assertThat(root.keyType()).isEqualTo(KeyType.EC_P256);
    }

    @Test
    void intermediate_isSignedByRootAndItsAkiIsTheRootSki() throws Exception {
        X509CertificateHolder holder = intermediate.holder();

        intermediate.certificate().verify(root.certificate().getPublicKey());
        assertThat(holder.getIssuer()).isEqualTo(root.holder().getSubject());
        assertThat(BasicConstraints.fromExtensions(holder.getExtensions()).isCA())
                .isTrue();
        assertCritical(holder, Extension.keyUsage);
        assertThat(keyUsage(holder)).isEqualTo(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);
        assertThat(AuthorityKeyIdentifier.fromExtensions(holder.getExtensions())
                        .getKeyIdentifierObject()
                        .getOctets())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(root.holder().getExtensions())
                        .getKeyIdentifier());
        assertThat(intermediate.issuer()).isSameAs(root);
        assertThat(intermediate.issuerCertificate()).isSameAs(root.certificate());
    }

    @Test
    void ocspSigner_hasOnlyOcspSigningEkuAndNonCriticalNullNoCheck() throws Exception {
        CertBundle signer = intermediate.issueOcspSigner("Test OCSP Signer").build();
        X509CertificateHolder holder = signer.holder();

        signer.certificate().verify(intermediate.certificate().getPublicKey());
        assertThat(ExtendedKeyUsage.fromExtensions(holder.getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_OCSPSigning);
        assertThat(holder.getExtension(Extension.extendedKeyUsage).isCritical()).isFalse();
        Extension noCheck = holder.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
        assertThat(noCheck).isNotNull();
        assertThat(noCheck.isCritical()).isFalse();
        assertThat(noCheck.getExtnValue().getOctets()).containsExactly(0x05, 0x00);
        assertCritical(holder, Extension.keyUsage);
        assertThat(keyUsage(holder)).isEqualTo(KeyUsage.digitalSignature);
        assertCritical(holder, Extension.basicConstraints);
        assertThat(signer.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(holder.getExtension(Extension.authorityInfoAccess)).isNull();
        assertThat(holder.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
        assertThat(signer.issuer()).isSameAs(intermediate);
    }

    @Test
    void ocspSigner_withoutOcspNoCheckLeavesTheExtensionOut() {
        CertBundle signer = intermediate
                .issueOcspSigner("Checked Signer")
                .withoutOcspNoCheck()
                .build();

        assertThat(signer.holder().getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck))
                .isNull();
        assertThat(ExtendedKeyUsage.fromExtensions(signer.holder().getExtensions())
                        .getUsages())
                .containsExactly(KeyPurposeId.id_kp_OCSPSigning);
    }

    @Test
    void ocspSigner_isValidFor90DaysFromAMinuteAgo() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        CertBundle signer = intermediate
                .issueOcspSigner("Signer")
                .clock(MutableClock.at(now))
                .build();

        assertThat(signer.certificate().getNotBefore().toInstant()).isEqualTo(now.minusSeconds(60));
        assertThat(signer.certificate().getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(90)));
    }

    @Test
    void leaf_defaultsToServerAuthDigitalSignatureNotCaAndNoAiaOrSan() throws Exception {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        CertBundle leaf = intermediate
                .issueLeaf("www.example.test")
                .clock(MutableClock.at(now))
                .build();
        X509CertificateHolder holder = leaf.holder();

        leaf.certificate().verify(intermediate.certificate().getPublicKey());
        assertThat(ExtendedKeyUsage.fromExtensions(holder.getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_serverAuth);
        assertCritical(holder, Extension.keyUsage);
        assertThat(keyUsage(holder)).isEqualTo(KeyUsage.digitalSignature);
        assertThat(leaf.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(holder.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck))
                .isNull();
        assertThat(holder.getExtension(Extension.authorityInfoAccess)).isNull();
        assertThat(holder.getExtension(Extension.subjectAlternativeName)).isNull();
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(365)));
    }

    @Test
    void leaf_ocspUrlAddsNonCriticalAiaWithOneOcspUri() {
        CertBundle leaf = intermediate
                .issueLeaf("leaf")
                .ocspUrl("http://ocsp.example.test:9401/")
                .build();

        Extension aia = leaf.holder().getExtension(Extension.authorityInfoAccess);
        assertThat(aia.isCritical()).isFalse();
        AccessDescription[] descriptions =
                AuthorityInformationAccess.getInstance(aia.getParsedValue()).getAccessDescriptions();
        assertThat(descriptions).hasSize(1);
        assertThat(descriptions[0].getAccessMethod()).isEqualTo(AccessDescription.id_ad_ocsp);
        assertThat(descriptions[0].getAccessLocation())
                .isEqualTo(new GeneralName(GeneralName.uniformResourceIdentifier, "http://ocsp.example.test:9401/"));
    }

    @Test
    void leaf_subjectAltNameListsDnsNamesThenIpAddresses() throws Exception {
        CertBundle leaf = intermediate
                .issueLeaf("leaf")
                .ipAddresses("192.0.2.7", "2001:db8::1")
                .dnsNames("a.example.test", "b.example.test")
                .build();

        assertThat(leaf.certificate().getSubjectAlternativeNames())
                .containsExactly(
                        List.of(2, "a.example.test"), List.of(2, "b.example.test"),
                        List.of(7, "192.0.2.7"), List.of(7, "2001:db8:0:0:0:0:0:1"));
        assertThat(leaf.holder().getExtension(Extension.subjectAlternativeName).isCritical())
                .isFalse();
    }

    @Test
    void leaf_extendedKeyUsageReplacesTheListAndNoneOmitsTheExtension() {
        CertBundle client = intermediate
                .issueLeaf("client")
                .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth)
                .build();
        CertBundle none = intermediate.issueLeaf("none").extendedKeyUsage().build();

        assertThat(ExtendedKeyUsage.fromExtensions(client.holder().getExtensions())
                        .getUsages())
                .containsExactly(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth);
        assertThat(none.holder().getExtension(Extension.extendedKeyUsage)).isNull();
    }

    @Test
    void ocspSigner_withWrongEkuCanBeBuiltForNegativeTests() {
        CertBundle signer = intermediate
                .issueOcspSigner("wrong")
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
                .build();

        assertThat(ExtendedKeyUsage.fromExtensions(signer.holder().getExtensions())
                        .getUsages())
                .containsExactly(KeyPurposeId.id_kp_serverAuth);
        assertThat(signer.holder().getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck))
                .isNotNull();
    }

    @Test
    void leaf_keyUsageReplacesTheBitsAndZeroOmitsTheExtension() {
        CertBundle rsaStyle = intermediate
                .issueLeaf("ku")
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)
                .build();
        CertBundle none = intermediate.issueLeaf("no ku").keyUsage(0).build();

        assertCritical(rsaStyle.holder(), Extension.keyUsage);
        assertThat(keyUsage(rsaStyle.holder())).isEqualTo(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        assertThat(none.holder().getExtension(Extension.keyUsage)).isNull();
    }

    @Test
    void ocspUrl_onACaAddsAiaToo() {
        Ca sub = root.issueIntermediate("Sub")
                .ocspUrl("http://root-ocsp.example.test/")
                .build();

        assertThat(sub.holder().getExtension(Extension.authorityInfoAccess)).isNotNull();
    }

    private static void assertCritical(X509CertificateHolder holder, ASN1ObjectIdentifier oid) {
        assertThat(holder.getExtension(oid)).as("extension %s", oid).isNotNull();
        assertThat(holder.getExtension(oid).isCritical())
                .as("%s is critical", oid)
                .isTrue();
    }

    private static int keyUsage(X509CertificateHolder holder) {
        KeyUsage usage = KeyUsage.fromExtensions(holder.getExtensions());
        int bits = 0;
        for (int bit : new int[] {
            KeyUsage.digitalSignature,
            KeyUsage.nonRepudiation,
            KeyUsage.keyEncipherment,
            KeyUsage.dataEncipherment,
            KeyUsage.keyAgreement,
            KeyUsage.keyCertSign,
            KeyUsage.cRLSign,
            KeyUsage.encipherOnly,
            KeyUsage.decipherOnly
        }) {
            if (usage.hasUsages(bit)) {
                bits |= bit;
            }
        }
        return bits;
    }
}
