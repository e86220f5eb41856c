package corp.example.ocsp.testing.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code openssl} accepts the test PKI's certificates, keys and PKCS#12 files. */
class OpensslInteropTest {

    private static final String PASSWORD = "s3cret pass";

    private static Ca root;
    private static Ca intermediate;
    private static CertBundle signer;
    private static CertBundle leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPki() {
        assumeTrue(Openssl.available(), "openssl is not installed");
        root = TestPki.newRoot("Interop Root").keyType(KeyType.EC_P521).build();
        intermediate = root.issueIntermediate("Interop Issuing CA")
                .keyType(KeyType.EC_P521)
                .build();
        signer = intermediate
                .issueOcspSigner("Interop OCSP Signer")
                .keyType(KeyType.EC_P256)
                .build();
        leaf = intermediate
                .issueLeaf("www.interop.test")
                .dnsNames("www.interop.test")
                .ocspUrl("http://ocsp.interop.test/")
                .build();
    }

    @Test
    void chain_rootIntermediateLeafAndSignerVerifyWithOpensslVerify() {
        writeAll();

        assertThat(Openssl.run(dir, "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem")
                        .assertSuccess()
                        .stdout())
                .isEqualTo("leaf.pem: OK\n");
        assertThat(Openssl.run(dir, "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "signer.pem")
                        .assertSuccess()
                        .stdout())
                .isEqualTo("signer.pem: OK\n");
    }

    @Test
    void chain_withoutTheIntermediateFailsOpensslVerify() {
        writeAll();

        Openssl.Result result = Openssl.run(dir, "verify", "-CAfile", "root.pem", "leaf.pem");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("unable to get local issuer certificate");
    }

    @Test
    void chain_ofEveryKeyTypeVerifiesWithOpenssl() throws Exception {
        for (KeyType type : KeyType.values()) {
            if (type == KeyType.RSA_3072) {
                continue; // slow to generate; the same code path as RSA_2048
            }
            if (type.isMlDsa()) {
                continue; // Debian 12's OpenSSL 3.0 has no ML-DSA (3.5 has); KeyTypeTest checks them with Bouncy Castle
            }
            Ca typedRoot = TestPki.newRoot("Root " + type).keyType(type).build();
            Ca typedInter =
                    typedRoot.issueIntermediate("Inter " + type).keyType(type).build();
            CertBundle typedLeaf =
                    typedInter.issueLeaf("leaf " + type).keyType(type).build();
            typedRoot.writeCertPem(dir.resolve("r.pem"));
            typedInter.writeCertPem(dir.resolve("i.pem"));
            typedLeaf.writeCertPem(dir.resolve("l.pem"));

            assertThat(Openssl.run(dir, "verify", "-CAfile", "r.pem", "-untrusted", "i.pem", "l.pem")
                            .assertSuccess()
                            .stdout())
                    .as("%s chain", type)
                    .isEqualTo("l.pem: OK\n");
        }
    }

    @Test
    void ocspSigner_opensslShowsOcspSigningNoCheckAndNoAia() {
        writeAll();

        String text = Openssl.run(dir, "x509", "-noout", "-text", "-in", "signer.pem")
                .assertSuccess()
                .stdout();

        assertThat(text)
                .contains(
                        "OCSP Signing",
                        "OCSP No Check",
                        "Digital Signature",
                        "CA:FALSE",
                        "ecdsa-with-SHA512",
                        "NIST CURVE: P-256");
        assertThat(text).doesNotContain("Authority Information Access");
    }

    @Test
    void leaf_opensslShowsTheOcspUriAndSerial() {
        writeAll();

        Openssl.Result text = Openssl.run(dir, "x509", "-noout", "-text", "-serial", "-ocsp_uri", "-in", "leaf.pem")
                .assertSuccess();

        assertThat(text.stdout())
                .contains(
                        "OCSP - URI:http://ocsp.interop.test/",
                        "DNS:www.interop.test",
                        "TLS Web Server Authentication",
                        "serial=" + hex(leaf));
    }

    @Test
    void ocspSigner_isAcceptedByOpensslOcspAsADelegatedResponder() throws Exception {
        writeAll();
        signer.writeKeyPem(dir.resolve("signer.key"));
        String expiry = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(leaf.certificate().getNotAfter().toInstant());
        Files.writeString(
                dir.resolve("index.txt"), "V\t" + expiry + "\t\t" + hex(leaf) + "\tunknown\t/CN=www.interop.test\n");

        Openssl.run(dir, "ocsp", "-issuer", "inter.pem", "-cert", "leaf.pem", "-no_nonce", "-reqout", "req.der")
                .assertSuccess();
        Openssl.run(
                        dir,
                        "ocsp",
                        "-index",
                        "index.txt",
                        "-CA",
                        "inter.pem",
                        "-rsigner",
                        "signer.pem",
                        "-rkey",
                        "signer.key",
                        "-reqin",
                        "req.der",
                        "-respout",
                        "resp.der",
                        "-ndays",
                        "1")
                .assertSuccess();
        Openssl.Result check = Openssl.run(
                        dir,
                        "ocsp",
                        "-respin",
                        "resp.der",
                        "-CAfile",
                        "root.pem",
                        "-verify_other",
                        "inter.pem",
                        "-issuer",
                        "inter.pem",
                        "-cert",
                        "leaf.pem")
                .assertSuccess();

        assertThat(check.output()).contains("Response verify OK", "leaf.pem: good");
    }

    @Test
    void keyFiles_inEveryFormatAreReadByOpensslAndMatchTheCertificate() throws Exception {
        CertBundle rsa = intermediate.issueLeaf("rsa").keyType(KeyType.RSA_2048).build();
        CertBundle ed = intermediate.issueLeaf("ed").keyType(KeyType.ED25519).build();
        CertBundle p384 =
                intermediate.issueLeaf("p384").keyType(KeyType.EC_P384).build();

        assertKeyMatches(signer, KeyFormat.PKCS8);
        assertKeyMatches(ed, KeyFormat.PKCS8);
        assertKeyMatches(p384, KeyFormat.SEC1);
        assertKeyMatches(rsa, KeyFormat.PKCS1);
        assertKeyMatches(rsa, KeyFormat.PKCS8_ENCRYPTED);
        assertKeyMatches(ed, KeyFormat.PKCS8_ENCRYPTED);
        assertKeyMatches(signer, KeyFormat.PKCS8_ENCRYPTED);
    }

    @Test
    void pkcs12_isReadByOpensslWithFriendlyNameKeyAndChain() {
        signer.writePkcs12(dir.resolve("signer.p12"), PASSWORD.toCharArray());

        Openssl.Result dump = Openssl.run(dir, "pkcs12", "-in", "signer.p12", "-passin", "pass:" + PASSWORD, "-nodes")
                .assertSuccess();

        assertThat(dump.stdout())
                .contains(
                        "friendlyName: responder",
                        "-----BEGIN PRIVATE KEY-----",
                        "subject=CN = Interop OCSP Signer",
                        "subject=CN = Interop Issuing CA",
                        "subject=CN = Interop Root");
        assertThat(Openssl.run(dir, "pkcs12", "-in", "signer.p12", "-passin", "pass:wrong", "-nodes")
                        .exitCode())
                .isNotZero();
    }

    @Test
    void pkcs12_withAnEd25519KeyIsReadByOpenssl() {
        CertBundle ed = intermediate
                .issueOcspSigner("Ed Signer")
                .keyType(KeyType.ED25519)
                .build();
        ed.writePkcs12(dir.resolve("ed.p12"), PASSWORD.toCharArray());

        Openssl.Result dump = Openssl.run(dir, "pkcs12", "-in", "ed.p12", "-passin", "pass:" + PASSWORD, "-nodes")
                .assertSuccess();

        assertThat(dump.stdout())
                .contains("friendlyName: responder", "-----BEGIN PRIVATE KEY-----", "subject=CN = Ed Signer");
    }

    private void assertKeyMatches(CertBundle bundle, KeyFormat format) throws Exception {
        Path key = bundle.writeKeyPem(
                dir.resolve("key.pem"), format, format == KeyFormat.PKCS8_ENCRYPTED ? PASSWORD.toCharArray() : null);
        bundle.writeCertPem(dir.resolve("cert.pem"));

        String fromKey = Openssl.run(
                        dir, "pkey", "-in", key.getFileName().toString(), "-passin", "pass:" + PASSWORD, "-pubout")
                .assertSuccess()
                .stdout();
        String fromCert = Openssl.run(dir, "x509", "-in", "cert.pem", "-noout", "-pubkey")
                .assertSuccess()
                .stdout();

        assertThat(fromKey).as("%s %s", bundle.keyType(), format).isEqualTo(fromCert);
    }

    private void writeAll() {
        root.writeCertPem(dir.resolve("root.pem"));
        intermediate.writeCertPem(dir.resolve("inter.pem"));
        signer.writeCertPem(dir.resolve("signer.pem"));
        leaf.writeCertPem(dir.resolve("leaf.pem"));
    }

    private static String hex(CertBundle bundle) {
        String hex = bundle.serial().toString(16).toUpperCase();
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }
}
