package corp.example.ocsp.testing.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OcspRequestBuilderTest {

    private static final ASN1ObjectIdentifier NONCE = OCSPObjectIdentifiers.id_pkix_ocsp_nonce;
    private static final ASN1ObjectIdentifier UNKNOWN = new ASN1ObjectIdentifier("1.2.3.4");

    private static Ca issuer;
    private static CertBundle leaf;

    @BeforeAll
    static void buildPki() {
        Ca root = TestPki.newRoot("Request Root").build();
        issuer = root.issueIntermediate("Request Issuing CA")
                .keyType(KeyType.EC_P384)
                .build();
        leaf = issuer.issueLeaf("leaf").serialOctets(20).serialWithTopBitSet().build();
    }

    @Test
    void build_oneCertIdRequestParsesWithBouncyCastle() throws Exception {
        OCSPReq request = new OCSPReq(
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build());

        assertThat(request.getRequestList()).hasSize(1);
        assertThat(request.isSigned()).isFalse();
        assertThat(request.hasExtensions()).isFalse();
        assertThat(request.getVersionNumber()).isEqualTo(1);
        assertThat(request.getRequestList()[0].getCertID().getSerialNumber()).isEqualTo(leaf.serial());
    }

    @Test
    void certId_sha1MatchesBouncyCastlesCertificateId() throws Exception {
        byte[] der = OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();

        CertificateID expected = new CertificateID(
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new AlgorithmIdentifier(CertIdHash.SHA1.oid(), DERNull.INSTANCE)),
                new JcaX509CertificateHolder(issuer.certificate()),
                leaf.serial());

        assertThat(new OCSPReq(der).getRequestList()[0].getCertID()).isEqualTo(expected);
        assertThat(OcspRequestBuilder.certIdDer(der, 0))
                .isEqualTo(expected.toASN1Primitive().getEncoded());
    }

    @ParameterizedTest
    @EnumSource(CertIdHash.class)
    void certId_everyHashMatchesBouncyCastlesCertificateId(CertIdHash hash) throws Exception {
        byte[] der = OcspRequestBuilder.create()
                .certId(issuer.certificate(), BigInteger.TEN, hash)
                .build();

        CertificateID expected = new CertificateID(
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new AlgorithmIdentifier(hash.oid(), DERNull.INSTANCE)),
                new JcaX509CertificateHolder(issuer.certificate()),
                BigInteger.TEN);

        assertThat(new OCSPReq(der).getRequestList()[0].getCertID()).isEqualTo(expected);
    }

    @Test
    void certId_hashesTheSubjectNameDerAndThePublicKeyBitsNotTheSki() throws Exception {
        CertID certId = CertID.getInstance(OcspRequestBuilder.certIdDer(
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA256).build(), 0));

        Certificate ca = Certificate.getInstance(issuer.encoded());
        byte[] keyBits = ca.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        byte[] ski = SubjectKeyIdentifier.fromExtensions(issuer.holder().getExtensions())
                .getKeyIdentifier();
        assertThat(certId.getIssuerNameHash().getOctets())
                .isEqualTo(CertIdHash.SHA256.digest(
                        issuer.certificate().getSubjectX500Principal().getEncoded()));
        assertThat(certId.getIssuerKeyHash().getOctets())
                .isEqualTo(CertIdHash.SHA256.digest(keyBits))
                .isNotEqualTo(CertIdHash.SHA256.digest(ski));
        assertThat(certId.getHashAlgorithm().getAlgorithm()).isEqualTo(CertIdHash.SHA256.oid());
    }

    @Test
    void certIdRaw_keepsHashesOfAnyLengthAndSerialsOfAnySign() throws Exception {
        byte[] nameHash = {1, 2, 3};
        byte[] keyHash = new byte[32];
        byte[] der = OcspRequestBuilder.create()
                .certIdRaw(CertIdHash.SHA1, nameHash, keyHash, BigInteger.ZERO)
                .certIdRaw(CertIdHash.SHA512, keyHash, nameHash, BigInteger.valueOf(-1))
                .build();

        CertID first = CertID.getInstance(OcspRequestBuilder.certIdDer(der, 0));
        CertID second = CertID.getInstance(OcspRequestBuilder.certIdDer(der, 1));
        assertThat(first.getIssuerNameHash().getOctets()).isEqualTo(nameHash);
        assertThat(first.getIssuerKeyHash().getOctets()).isEqualTo(keyHash);
        assertThat(first.getSerialNumber().getValue()).isZero();
        assertThat(second.getHashAlgorithm().getAlgorithm()).isEqualTo(CertIdHash.SHA512.oid());
        assertThat(second.getSerialNumber().getValue()).isEqualTo(BigInteger.valueOf(-1));
        assertThat(new OCSPReq(der).getRequestList()).hasSize(2);
    }

    @Test
    void hashAlgorithm_carriesAnExplicitNullByDefaultAndNoneWhenAbsent() throws Exception {
        byte[] withNull = OcspRequestBuilder.certIdDer(
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build(), 0);
        byte[] absentDer = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .hashParametersAbsent()
                .build();
        byte[] absent = OcspRequestBuilder.certIdDer(absentDer, 0);

        assertThat(hex(withNull)).contains("300906052b0e03021a05000414");
        assertThat(hex(absent)).contains("300706052b0e03021a0414").doesNotContain("0500");
        assertThat(absent).hasSize(withNull.length - 2);
        assertThat(new OCSPReq(absentDer).getRequestList()[0].getCertID().getSerialNumber())
                .isEqualTo(leaf.serial());
    }

    @Test
    void nonce_isANonCriticalExtensionWhoseValueIsAnOctetString() throws Exception {
        byte[] nonce = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

        byte[] der = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonce(nonce)
                .build();

        Extension extension = new OCSPReq(der).getExtension(NONCE);
        assertThat(extension.isCritical()).isFalse();
        assertThat(hex(extension.getExtnValue().getOctets())).isEqualTo("0410" + "00112233445566778899aabbccddeeff");
        assertThat(hex(der)).contains("06092b0601050507300102" + "0412" + "0410");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 32, 33, 128, 129})
    void nonceOfLength_producesExactlyThatManyOctets(int length) throws Exception {
        OcspRequestBuilder builder =
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).nonceOfLength(length);

        Extension extension = new OCSPReq(builder.build()).getExtension(NONCE);

        byte[] inner = ASN1OctetString.getInstance(extension.getExtnValue().getOctets())
                .getOctets();
        assertThat(inner).hasSize(length).isEqualTo(builder.nonceValue());
    }

    @Test
    void nonceCritical_marksTheNonceCritical() throws Exception {
        byte[] der = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonceOfLength(16)
                .nonceCritical()
                .build();

        assertThat(new OCSPReq(der).getExtension(NONCE).isCritical()).isTrue();
        assertThat(new OCSPReq(der).getCriticalExtensionOIDs().toArray()).containsExactly(NONCE);
    }

    @Test
    void nonceValue_isNullWithoutANonceAndTheLastNonceWins() {
        OcspRequestBuilder builder = OcspRequestBuilder.create();
        assertThat(builder.nonceValue()).isNull();

        builder.nonce(new byte[] {1}).nonce(new byte[] {2, 3});

        assertThat(builder.nonceValue()).containsExactly(2, 3);
    }

    @Test
    void requestExtension_keepsOidCriticalityValueAndOrderAfterTheNonce() throws Exception {
        byte[] der = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .requestExtension(UNKNOWN, true, new DERUTF8String("x"))
                .nonceOfLength(16)
                .requestExtension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_response,
                        false,
                        new DERSequence(OCSPObjectIdentifiers.id_pkix_ocsp_basic))
                .build();

        OCSPReq request = new OCSPReq(der);
        assertThat(request.getExtensionOIDs().toArray())
                .containsExactly(NONCE, UNKNOWN, OCSPObjectIdentifiers.id_pkix_ocsp_response);
        assertThat(request.getExtension(UNKNOWN).isCritical()).isTrue();
        assertThat(request.getExtension(UNKNOWN).getParsedValue()).isEqualTo(new DERUTF8String("x"));
    }

    @Test
    void requestExtension_repeatedOidIsKeptForMalformedRequests() throws Exception {
        byte[] der = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonceOfLength(16)
                .requestExtension(NONCE, false, new DEROctetString(new byte[16]))
                .build();

        ASN1Sequence extensions =
                ASN1Sequence.getInstance(((ASN1TaggedObject) tbs(der).getObjectAt(1)).getExplicitBaseObject());
        assertThat(extensions.size()).isEqualTo(2);
        assertThatThrownBy(() -> new OCSPReq(der)).hasMessageContaining("repeated extension");
    }

    @Test
    void singleRequestExtension_isAddedToEveryCertId() throws Exception {
        byte[] der = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .certId(leaf, CertIdHash.SHA256)
                .singleRequestExtension(UNKNOWN, false, DERNull.INSTANCE)
                .build();

        OCSPReq request = new OCSPReq(der);
        assertThat(request.hasExtensions()).isFalse();
        for (Req single : request.getRequestList()) {
            Extension extension = single.getSingleRequestExtensions().getExtension(UNKNOWN);
            assertThat(extension.isCritical()).isFalse();
            assertThat(extension.getExtnValue().getOctets()).containsExactly(0x05, 0x00);
        }
    }

    @Test
    void requestorName_isEncodedAsExplicitTagOne() throws Exception {
        GeneralName name = new GeneralName(new X500Name("CN=Requestor"));

        byte[] der = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .requestorName(name)
                .build();

        ASN1TaggedObject tagged = (ASN1TaggedObject) tbs(der).getObjectAt(0);
        assertThat(tagged.getTagNo()).isEqualTo(1);
        assertThat(new OCSPReq(der).getRequestorName()).isEqualTo(name);
    }

    @Test
    void version_zeroIsOmittedAndOtherValuesAreAnExplicitTagZero() throws Exception {
        byte[] v1 = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .version(0)
                .build();
        byte[] v2 = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .version(1)
                .build();

        assertThat(tbs(v1).getObjectAt(0)).isInstanceOf(ASN1Sequence.class);
        ASN1TaggedObject version = (ASN1TaggedObject) tbs(v2).getObjectAt(0);
        assertThat(version.getTagNo()).isZero();
        assertThat(ASN1Integer.getInstance(version.getExplicitBaseObject()).getValue())
                .isEqualTo(BigInteger.ONE);
        assertThat(new OCSPReq(v2).getVersionNumber()).isEqualTo(2);
    }

    @Test
    void create_withoutCertIdsHasAnEmptyRequestList() throws Exception {
        byte[] der = OcspRequestBuilder.create().build();

        assertThat(hex(der)).isEqualTo("300430023000");
        assertThat(new OCSPReq(der).getRequestList()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"EC_P256", "EC_P521", "ED25519", "RSA_2048"})
    void signedBy_signsWithTheSignersAlgorithmAndIncludesItsCertificate(KeyType type) throws Exception {
        CertBundle requester = issuer.issueLeaf("requester").keyType(type).build();

        OCSPReq request = new OCSPReq(OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonceOfLength(16)
                .signedBy(requester)
                .build());

        assertThat(request.isSigned()).isTrue();
        assertThat(request.getSignatureAlgOID())
                .isEqualTo(new DefaultSignatureAlgorithmIdentifierFinder()
                        .find(type.signatureAlgorithm())
                        .getAlgorithm());
        assertThat(request.getCerts()).containsExactly(requester.holder());
        assertThat(request.getRequestorName())
                .isEqualTo(new GeneralName(requester.holder().getSubject()));
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .setProvider(TestPki.provider())
                        .build(requester.holder())))
                .isTrue();
    }

    @Test
    void withTrailingBytes_appendsAfterTheRequest() {
        byte[] der = OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();

        byte[] padded = OcspRequestBuilder.withTrailingBytes(der, (byte) 0, (byte) 0xff);

        assertThat(Arrays.copyOf(padded, der.length)).isEqualTo(der);
        assertThat(padded).hasSize(der.length + 2).endsWith(0, 0xff);
    }

    @Test
    void certIdDer_readsTheIndexedCertIdPastOptionalFieldsAndTrailingBytes() throws Exception {
        byte[] der = OcspRequestBuilder.create()
                .version(3)
                .requestorName(new GeneralName(GeneralName.dNSName, "requestor.test"))
                .certIdRaw(CertIdHash.SHA1, new byte[20], new byte[20], BigInteger.ONE)
                .certIdRaw(CertIdHash.SHA1, new byte[20], new byte[20], BigInteger.TWO)
                .build();
        byte[] padded = OcspRequestBuilder.withTrailingBytes(der, (byte) 0);

        CertID second = CertID.getInstance(OcspRequestBuilder.certIdDer(padded, 1));

        assertThat(second.getSerialNumber().getValue()).isEqualTo(BigInteger.TWO);
        assertThatThrownBy(() -> OcspRequestBuilder.certIdDer(der, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcspRequestBuilder.certIdDer(new byte[] {0x30, 0x00}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void certIdHash_digestsWithTheNamedAlgorithm() {
        byte[] empty = new byte[0];

        assertThat(hex(CertIdHash.SHA1.digest(empty))).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(CertIdHash.SHA256.digest(empty)).hasSize(32);
        assertThat(CertIdHash.SHA384.digest(empty)).hasSize(48);
        assertThat(CertIdHash.SHA512.digest(empty)).hasSize(64);
        assertThat(CertIdHash.SHA1.oid().getId()).isEqualTo("1.3.14.3.2.26");
        assertThat(CertIdHash.SHA256.oid().getId()).isEqualTo("2.16.840.1.101.3.4.2.1");
    }

    private static ASN1Sequence tbs(byte[] der) throws Exception {
        return ASN1Sequence.getInstance(
                ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der)).getObjectAt(0));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
