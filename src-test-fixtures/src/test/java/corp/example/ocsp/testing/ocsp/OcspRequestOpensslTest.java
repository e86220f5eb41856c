package corp.example.ocsp.testing.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests built here are the ones {@code openssl ocsp} builds, and it reads them back. */
class OcspRequestOpensslTest {

    private static Ca issuer;
    private static CertBundle leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPki() {
        assumeTrue(Openssl.available(), "openssl is not installed");
        Ca root = TestPki.newRoot("Openssl Request Root").build();
        issuer = root.issueIntermediate("Openssl Request CA")
                .keyType(KeyType.RSA_2048)
                .build();
        leaf = issuer.issueLeaf("leaf").serialWithTopBitSet().build();
    }

    @Test
    void request_isByteForByteWhatOpensslSendsWithoutNonce() throws Exception {
        writePems();

        Openssl.run(dir, "ocsp", "-issuer", "issuer.pem", "-cert", "leaf.pem", "-no_nonce", "-reqout", "sha1.der")
                .assertSuccess();
        Openssl.run(
                        dir,
                        "ocsp",
                        "-sha256",
                        "-issuer",
                        "issuer.pem",
                        "-cert",
                        "leaf.pem",
                        "-no_nonce",
                        "-reqout",
                        "sha256.der")
                .assertSuccess();

        assertThat(OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build())
                .isEqualTo(Files.readAllBytes(dir.resolve("sha1.der")));
        assertThat(OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA256).build())
                .isEqualTo(Files.readAllBytes(dir.resolve("sha256.der")));
    }

    @Test
    void request_withOpensslsNonceIsByteForByteWhatOpensslSends() throws Exception {
        writePems();
        Openssl.run(dir, "ocsp", "-issuer", "issuer.pem", "-cert", "leaf.pem", "-reqout", "nonce.der")
                .assertSuccess();
        byte[] fromOpenssl = Files.readAllBytes(dir.resolve("nonce.der"));
        byte[] nonce = ASN1OctetString.getInstance(new OCSPReq(fromOpenssl)
                        .getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                        .getExtnValue()
                        .getOctets())
                .getOctets();

        byte[] ours = OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonce(nonce)
                .build();

        assertThat(nonce).hasSize(16);
        assertThat(ours).isEqualTo(fromOpenssl);
    }

    @Test
    void reqText_showsTheSerialHashAndNonce() throws Exception {
        OcspRequestBuilder builder =
                OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA256).nonceOfLength(32);
        Files.write(dir.resolve("req.der"), builder.build());

        String text = Openssl.run(dir, "ocsp", "-reqin", "req.der", "-req_text")
                .assertSuccess()
                .stdout();

        assertThat(text)
                .contains(
                        "Hash Algorithm: sha256",
                        "Serial Number: " + leaf.serial().toString(16).toUpperCase(),
                        "OCSP Nonce: \n            0420"
                                + HexFormat.of().withUpperCase().formatHex(builder.nonceValue()));
    }

    @Test
    void reqText_readsASignedRequestWithItsCertificate() throws Exception {
        CertBundle requester =
                issuer.issueLeaf("requester").keyType(KeyType.ED25519).build();
        Files.write(
                dir.resolve("signed.der"),
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .signedBy(requester)
                        .build());

        String text = Openssl.run(dir, "ocsp", "-reqin", "signed.der", "-req_text")
                .assertSuccess()
                .stdout();

        assertThat(text)
                .contains("Requestor Name: DirName:CN", "Signature Algorithm: ED25519")
                .containsPattern("Subject: CN ?= ?requester");
    }

    private void writePems() {
        issuer.writeCertPem(dir.resolve("issuer.pem"));
        leaf.writeCertPem(dir.resolve("leaf.pem"));
    }
}
