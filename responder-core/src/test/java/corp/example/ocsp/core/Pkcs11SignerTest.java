package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Key;
import corp.example.ocsp.core.signing.pkcs11.TokenSigners;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.SoftHsm;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signers whose keys stay on a real SoftHSM2 token (made by pkcs11-tool, no certificate beside
 * them), signing through SunPKCS11: responses verified by Bouncy Castle and by {@code openssl ocsp},
 * and every start-up refusal as one line.
 */
class Pkcs11SignerTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static Ca root;
    private static Ca issuing;
    private static Issuer issuer;

    @TempDir
    Path dir;

    @BeforeAll
    static void tokenAndPki() {
        assumeTrue(
                SoftHsm.unavailableBecause().isEmpty(),
                "NOT RUN: " + SoftHsm.unavailableBecause().orElse(""));
        root = TestPki.newRoot("Token Root").keyType(KeyType.EC_P384).build();
        issuing = root.issueIntermediate("Token Issuing CA")
                .keyType(KeyType.EC_P384)
                .build();
        issuer = Issuer.of("issuing", issuing.holder());
    }

    private static Pkcs11Key byLabel(String label) {
        return new Pkcs11Key(
                SoftHsm.MODULE, SoftHsm.TOKEN, Optional.of(label), Optional.empty(), SoftHsm.PIN.toCharArray());
    }

    private static Pkcs11Key byId(String hex) {
        return new Pkcs11Key(
                SoftHsm.MODULE,
                SoftHsm.TOKEN,
                Optional.empty(),
                Optional.of(HexFormat.of().parseHex(hex)),
                SoftHsm.PIN.toCharArray());
    }

    private CertBundle certificateFor(SoftHsm.Key key) {
        return issuing.issueOcspSigner("OCSP " + key.label)
                .keyPair(new KeyPair(SoftHsm.publicKey(key), null))
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            value = SoftHsm.Key.class,
            names = {"P256", "P384", "RSA"})
    void tokenKeyWithACertificateFile_signsResponsesThatOpensslVerifies(SoftHsm.Key key) throws Exception {
        CertBundle signer = certificateFor(key);
        Path certFile = signer.writeCertPem(dir.resolve("signer.pem"));

        ResponderSigner loaded = TokenSigners.load(byId(key.id), Optional.of(certFile), issuer, CLOCK);

        assertThat(loaded.providerDescription()).startsWith("PKCS#11 token (SunPKCS11-ocsp-");
        assertThat(loaded.algorithmName())
                .isEqualTo(KeyType.of(signer.publicKey()).signatureAlgorithm());
        CertBundle leaf = issuing.issueLeaf("token.example").build();
        InMemoryStatusSource source = new InMemoryStatusSource();
        source.good(issuer, leaf.serial());
        Responder responder = Responder.builder("token", source)
                .clock(CLOCK)
                .issuer(issuer, loaded)
                .build();
        root.writeCertPem(dir.resolve("root.pem"));
        issuing.writeCertPem(dir.resolve("issuing.pem"));
        leaf.writeCertPem(dir.resolve("leaf.pem"));
        Openssl.run(dir, "ocsp", "-issuer", "issuing.pem", "-cert", "leaf.pem", "-reqout", "req.der")
                .assertSuccess();
        byte[] response =
                responder.respond(Files.readAllBytes(dir.resolve("req.der"))).der();
        Files.write(dir.resolve("resp.der"), response);

        assertThat(Parsed.of(response).signedBy(signer.certificate())).isTrue();
        assertThat(Openssl.run(
                                dir,
                                "ocsp",
                                "-reqin",
                                "req.der",
                                "-respin",
                                "resp.der",
                                "-issuer",
                                "issuing.pem",
                                "-CAfile",
                                "root.pem",
                                "-resp_text")
                        .output())
                .contains("Response verify OK")
                .contains("Cert Status: good");
    }

    @Test
    void tokenKeyByLabel_withTheCertificateWrittenBesideIt_loadsWithoutACertificateFile() throws Exception {
        CertBundle signer = certificateFor(SoftHsm.Key.P384);
        TokenSigners.load(byLabel("p384"), Optional.of(signer.writeCertPem(dir.resolve("s.pem"))), issuer, CLOCK);

        ResponderSigner fromToken = TokenSigners.load(byLabel("p384"), Optional.empty(), issuer, CLOCK);

        assertThat(fromToken.certificate().getSubjectPublicKeyInfo())
                .isEqualTo(signer.holder().getSubjectPublicKeyInfo());
        assertThat(SoftHsm.tool("--list-objects", "--type", "cert")).contains("label:      p384");
    }

    @Test
    void tokenSigner_signsFromManyThreadsAtOnce_eachSignatureVerifying() throws Exception {
        CertBundle signer = certificateFor(SoftHsm.Key.RSA);
        ResponderSigner loaded = TokenSigners.load(
                byLabel("rsa"), Optional.of(signer.writeCertPem(dir.resolve("rsa.pem"))), issuer, CLOCK);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] data = ("tbs " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                results.add(pool.submit(() -> {
                    java.security.Signature v = java.security.Signature.getInstance(
                            "SHA256withRSA", corp.example.ocsp.core.x509.BouncyCastle.provider());
                    v.initVerify(signer.publicKey());
                    v.update(data);
                    return v.verify(loaded.sign(data));
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            assertThat(loaded.signsInMemoryWithin(java.time.Duration.ofDays(1)))
                    .as("a token's key is never signed with on an event loop, however fast")
                    .isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingModule_isOneLineNamingIt() {
        Pkcs11Key key = new Pkcs11Key(
                Path.of("/nonexistent/libpkcs11.so"), "ocsp", Optional.of("p256"), Optional.empty(), "1".toCharArray());

        assertThatThrownBy(() -> TokenSigners.load(key, Optional.empty(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessage("/nonexistent/libpkcs11.so: no such PKCS#11 module (pkcs11.library)");
    }

    @Test
    void fileThatIsNoModule_isRefusedAsNotLoadable() throws Exception {
        Path notALibrary = Files.writeString(dir.resolve("libnot.so"), "not a shared object");
        Pkcs11Key key = new Pkcs11Key(notALibrary, "ocsp", Optional.of("p256"), Optional.empty(), "1".toCharArray());

        assertThatThrownBy(() -> TokenSigners.load(key, Optional.empty(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageStartingWith(notALibrary + ": cannot load the PKCS#11 module: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownTokenLabel_listsTheLabelsFound() {
        Pkcs11Key key = new Pkcs11Key(SoftHsm.MODULE, "nope", Optional.of("p256"), Optional.empty(), "1".toCharArray());

        assertThatThrownBy(() -> TokenSigners.load(key, Optional.empty(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessage(SoftHsm.MODULE
                        + ": no token labelled 'nope' (tokens found: 'fault', 'imports', 'ocsp', 'secrets', 'spare')");
    }

    @Test
    // on the spare token, which no test logs into: once a process is logged in to a token, PKCS#11
    // accepts a later login without checking the PIN
    void wrongPin_isSaidSo() {
        Pkcs11Key key = new Pkcs11Key(
                SoftHsm.MODULE, SoftHsm.SPARE, Optional.of("p256"), Optional.empty(), "0000".toCharArray());

        assertThatThrownBy(() -> TokenSigners.load(key, Optional.empty(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessage("PKCS#11 token 'spare': wrong PIN (pkcs11.pin or pkcs11.pinFile)");
    }

    @Test
    void noKeyWithThatLabelOrId_listsTheKeysThere() {
        assertThatThrownBy(() -> TokenSigners.load(byLabel("absent"), Optional.empty(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageStartingWith(
                        "PKCS#11 token 'ocsp' key label 'absent': no private key with that label on the token (private keys there: ")
                .hasMessageContaining("label 'p256' id 01");
        assertThatThrownBy(() -> TokenSigners.load(byId("7f"), Optional.empty(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageStartingWith("PKCS#11 token 'ocsp' key id 7f: no private key with that id on the token");
    }

    @Test
    void ed25519TokenKey_isAnUnusableKeyType() {
        assertThatThrownBy(() -> TokenSigners.load(byLabel("ed25519"), Optional.empty(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessage("PKCS#11 token 'ocsp' key label 'ed25519': key type 0x40 (CKA_KEY_TYPE) is not usable;"
                        + " use an EC (P-256, P-384, P-521) or RSA (2048 bits or more) key");
    }

    @Test
    void certificateOfAnotherKey_isRefusedAndNothingIsWritten() throws Exception {
        Path other = certificateFor(SoftHsm.Key.P384).writeCertPem(dir.resolve("p384.pem"));

        assertThatThrownBy(() -> TokenSigners.load(byLabel("p256-next"), Optional.of(other), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessage("PKCS#11 token 'ocsp' key label 'p256-next': the certificate's public key (CN=OCSP p384)"
                        + " is not the token key's");
        assertThat(SoftHsm.tool("--list-objects", "--type", "cert")).doesNotContain("p256-next");
    }

    @Test
    void certificateNotIssuedByTheCa_isRefusedAsForFileKeys() throws Exception {
        Ca stranger = TestPki.newRoot("Stranger CA").build();
        Path cert = stranger.issueOcspSigner("OCSP p256")
                .keyPair(new KeyPair(SoftHsm.publicKey(SoftHsm.Key.P256), null))
                .build()
                .writeCertPem(dir.resolve("stranger.pem"));

        assertThatThrownBy(() -> TokenSigners.load(byLabel("p256"), Optional.of(cert), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining("was not issued by CA issuing");
    }
}
