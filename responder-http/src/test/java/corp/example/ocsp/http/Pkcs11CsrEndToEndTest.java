package corp.example.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.core.x509.BouncyCastle;
import corp.example.ocsp.core.x509.CertificateFiles;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.cli.Main;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.SoftHsm;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import corp.example.ocsp.testing.postgres.PostgresFixture;
import corp.example.ocsp.testing.postgres.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ocsp-responder csr} for keys generated on a real SoftHSM2 token (pkcs11-tool
 * --keypairgen, no certificate beside them): the request verifies with Bouncy Castle and {@code
 * openssl req -verify} and carries the token key; a CA signs it with {@code openssl x509 -req} and
 * the OCSP-signing profile, and the responder serves {@code openssl ocsp} with that certificate and
 * the token key. Refusals are one line each.
 */
class Pkcs11CsrEndToEndTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void token() {
        assumeTrue(
                SoftHsm.unavailableBecause().isEmpty(),
                "NOT RUN: " + SoftHsm.unavailableBecause().orElse(""));
    }

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run csr(String token, String pin, String... key) throws Exception {
        Path pinFile = Files.writeString(dir.resolve("hsm.pin"), pin + "\n");
        List<String> args = new ArrayList<>(List.of(
                "csr",
                "--pkcs11-library",
                SoftHsm.MODULE.toString(),
                "--token",
                token,
                "--pin-file",
                pinFile.toString(),
                "--subject",
                "CN=OCSP Responder,O=Example",
                "--out",
                dir.resolve("responder.csr").toString()));
        args.addAll(List.of(key));
        return cli(args.toArray(String[]::new));
    }

    private PKCS10CertificationRequest readCsr() throws Exception {
        return (PKCS10CertificationRequest)
                CertificateFiles.pemObjects(dir.resolve("responder.csr")).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = SoftHsm.Key.class,
            names = {"P256", "P384", "RSA"})
    void csrForATokenKey_verifiesWithBouncyCastleAndOpenssl_andCarriesTheTokenKey(SoftHsm.Key key) throws Exception {
        Run run = csr(SoftHsm.TOKEN, SoftHsm.PIN, "--id", key.id);

        assertThat(run.exit()).as(run.err()).isZero();
        PKCS10CertificationRequest csr = readCsr();
        assertThat(csr.getSubject()).isEqualTo(new X500Name("CN=OCSP Responder,O=Example"));
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded())
                .isEqualTo(SoftHsm.publicKey(key).getEncoded());
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .setProvider(BouncyCastle.provider())
                        .build(SoftHsm.publicKey(key))))
                .isTrue();
        Openssl.Result verify = Openssl.run(dir, "req", "-verify", "-in", "responder.csr", "-noout");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).containsIgnoringCase("verify OK");
    }

    @Test
    void csrSignedByTheCa_servesOpensslOcspWithTheTokenKey() throws Exception {
        assertThat(csr(SoftHsm.TOKEN, SoftHsm.PIN, "--key", SoftHsm.Key.P384.label)
                        .exit())
                .isZero();
        Ca root = TestPki.newRoot("CSR Root CA").keyType(KeyType.EC_P384).build();
        Ca issuing = root.issueIntermediate("CSR Issuing CA").build();
        root.writeCertPem(dir.resolve("root-ca.pem"));
        issuing.writeCertPem(dir.resolve("issuing-ca.pem"));
        issuing.writeKeyPem(dir.resolve("issuing-ca.key"));
        issuing.issueLeaf("good.example").build().writeCertPem(dir.resolve("good.pem"));
        Files.writeString(dir.resolve("ocsp.ext"), """
                [ocsp]
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature
                extendedKeyUsage = OCSPSigning
                1.3.6.1.5.5.7.48.1.5 = ASN1:NULL
                """);
        Openssl.run(
                        dir,
                        "x509",
                        "-req",
                        "-in",
                        "responder.csr",
                        "-CA",
                        "issuing-ca.pem",
                        "-CAkey",
                        "issuing-ca.key",
                        "-set_serial",
                        "4242",
                        "-days",
                        "30",
                        "-extfile",
                        "ocsp.ext",
                        "-extensions",
                        "ocsp",
                        "-out",
                        "responder.pem")
                .assertSuccess();
        X509CertificateHolder certificate =
                CertificateFiles.readPem(dir.resolve("responder.pem")).get(0);
        assertThat(certificate.getSubjectPublicKeyInfo().getEncoded())
                .isEqualTo(SoftHsm.publicKey(SoftHsm.Key.P384).getEncoded());

        try (TestDatabase db = PostgresFixture.newDatabase()) {
            Path config = TestConfigs.issuingResponder(dir, db, "");
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace(
                                    "key: responder.key",
                                    "pkcs11: {library: " + SoftHsm.MODULE + ", token: " + SoftHsm.TOKEN + ", key: "
                                            + SoftHsm.Key.P384.label + ", pinFile: hsm.pin}"));
            String c = config.toString();
            assertThat(cli("db", "migrate", "--config", c).exit()).isZero();
            assertThat(cli(
                                    "issuer",
                                    "add",
                                    "--config",
                                    c,
                                    "--label",
                                    "issuing-ca",
                                    "--cert",
                                    dir.resolve("issuing-ca.pem").toString())
                            .exit())
                    .isZero();
            assertThat(cli(
                                    "cert",
                                    "add",
                                    "--config",
                                    c,
                                    "--cert",
                                    dir.resolve("good.pem").toString())
                            .exit())
                    .isZero();
            try (ResponderApp app = ResponderApp.start(ConfigFile.load(config), Clock.systemUTC())) {
                String url = "http://127.0.0.1:" + app.addresses().get(0).getPort();
                String out = Openssl.run(
                                dir,
                                "ocsp",
                                "-issuer",
                                "issuing-ca.pem",
                                "-cert",
                                "good.pem",
                                "-url",
                                url,
                                "-CAfile",
                                "root-ca.pem")
                        .output();

                assertThat(out).contains("Response verify OK").contains("good.pem: good");
            }
        }
    }

    @Test
    void wrongPin_isOneLineNamingThePinFile() throws Exception {
        // on the spare token, which no test logs into: a process logged in stays logged in
        Run run = csr(SoftHsm.SPARE, "0000", "--key", "p256");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("error: PKCS#11 token 'spare': wrong PIN (--pin-file " + dir.resolve("hsm.pin") + ")");
        assertThat(dir.resolve("responder.csr")).doesNotExist();
    }

    @Test
    void keyThatIsNotOnTheToken_isOneLineListingTheKeys() throws Exception {
        Run run = csr(SoftHsm.TOKEN, SoftHsm.PIN, "--key", "nope");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip())
                .startsWith("error: PKCS#11 token 'ocsp' key label 'nope': no private key with that label on the"
                        + " token (private keys there: ")
                .contains("label 'p384' id 02")
                .doesNotContain("\n");
    }

    @Test
    void tokenThatIsNotThere_isOneLineListingTheTokens() throws Exception {
        Run run = csr("missing", SoftHsm.PIN, "--key", "p256");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo(
                        "error: " + SoftHsm.MODULE
                                + ": no token labelled 'missing' (tokens found: 'fault', 'imports', 'ocsp', 'secrets', 'spare')");
    }

    @Test
    void moduleThatIsNotThere_isOneLineNamingTheOption() throws Exception {
        Run run = cli(
                "csr",
                "--pkcs11-library",
                dir.resolve("nope.so").toString(),
                "--token",
                "ocsp",
                "--key",
                "p256",
                "--pin-file",
                Files.writeString(dir.resolve("pin"), "1").toString(),
                "--subject",
                "CN=x",
                "--out",
                dir.resolve("x.csr").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip())
                .startsWith("error: --pkcs11-library: no such PKCS#11 module " + dir.resolve("nope.so"))
                .doesNotContain("\n");
    }
}
