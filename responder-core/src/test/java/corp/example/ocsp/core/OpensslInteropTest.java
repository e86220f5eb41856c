package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.Openssl;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Responses checked by the real {@code openssl ocsp}: requests made by openssl, answered by the
 * Responder, then verified by openssl against the root CA only (-CAfile, no -VAfile).
 */
class OpensslInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void opensslIsInstalled() {
        assertThat(Openssl.available())
                .as("the openssl binary (Debian package openssl) is required")
                .isTrue();
    }

    private record Setup(TestCas pki, Responder responder, Path root, Path issuing) {}

    private Setup setup(KeyType signerKey) throws Exception {
        TestCas pki = new TestCas(signerKey, Instant.now());
        Responder responder = pki.responder().clock(java.time.Clock.systemUTC()).build();
        return new Setup(
                pki,
                responder,
                pki.root.writeCertPem(dir.resolve("root.pem")),
                pki.issuing.writeCertPem(dir.resolve("issuing.pem")));
    }

    /**
     * Runs openssl to make a request, answers it, and has openssl check the answer: the signature
     * chain up to root.pem, the nonce against the request's, and the status times.
     */
    private String roundTrip(Setup s, String... requestOptions) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("ocsp", "-issuer", "issuing.pem"));
        args.addAll(java.util.List.of(requestOptions));
        args.addAll(java.util.List.of("-reqout", "req.der"));
        Openssl.run(dir, args.toArray(String[]::new)).assertSuccess();
        OcspAnswer answer = s.responder().respond(Files.readAllBytes(dir.resolve("req.der")));
        Files.write(dir.resolve("resp.der"), answer.der());
        java.util.List<String> check = new java.util.ArrayList<>(java.util.List.of(
                "ocsp",
                "-reqin",
                "req.der",
                "-respin",
                "resp.der",
                "-issuer",
                "issuing.pem",
                "-CAfile",
                "root.pem",
                "-resp_text"));
        if (args.contains("-no_nonce")) {
            // with -cert, openssl rebuilds the request (and would add a fresh nonce), then prints
            // "file: status" and checks the status times; without a nonce that is safe
            check.addAll(java.util.List.of(requestOptions));
        }
        return Openssl.run(dir, check.toArray(String[]::new)).output();
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void good_withOpensslsDefaultNonce_verifiesAgainstTheRootOnly(KeyType signerKey) throws Exception {
        Setup s = setup(signerKey);
        CertBundle leaf = s.pki().leaf("good.example");
        leaf.writeCertPem(dir.resolve("good.pem"));
        s.pki().source.good(s.pki().issuer, leaf.serial());

        String out = roundTrip(s, "-cert", "good.pem");

        assertThat(out)
                .contains("Response verify OK")
                .contains("Cert Status: good")
                .doesNotContain("Nonce Verify error")
                .doesNotContain("WARNING");
    }

    @Test
    void sha256CertIdWithoutNonce_isAnsweredWithSha256() throws Exception {
        Setup s = setup(KeyType.EC_P256);
        CertBundle leaf = s.pki().leaf("sha256.example");
        leaf.writeCertPem(dir.resolve("leaf.pem"));
        s.pki().source.good(s.pki().issuer, leaf.serial());

        String out = roundTrip(s, "-no_nonce", "-sha256", "-cert", "leaf.pem");

        assertThat(out)
                .contains("Response verify OK")
                .contains("leaf.pem: good")
                .contains("Hash Algorithm: sha256")
                .doesNotContain("WARNING"); // no "WARNING: Status times invalid"
        assertThat(out).containsPattern("This Update: .*\\n\\s*Next Update: ");
    }

    @Test
    void revoked_showsTimeAndReason() throws Exception {
        Setup s = setup(KeyType.EC_P256);
        CertBundle leaf = s.pki().leaf("revoked.example");
        leaf.writeCertPem(dir.resolve("revoked.pem"));
        s.pki()
                .source
                .put(
                        s.pki().issuer,
                        leaf.serial(),
                        CertStatus.revoked(Instant.now().minusSeconds(7200), RevocationReason.KEY_COMPROMISE));

        String out = roundTrip(s, "-cert", "revoked.pem");

        assertThat(out)
                .contains("Response verify OK")
                .contains("Cert Status: revoked")
                .contains("Revocation Reason: keyCompromise")
                .contains("Revocation Time:");
    }

    @Test
    void twoCertificatesInOneRequest_areBothReported() throws Exception {
        Setup s = setup(KeyType.EC_P256);
        CertBundle a = s.pki().leaf("a.example");
        CertBundle b = s.pki().leaf("b.example");
        a.writeCertPem(dir.resolve("a.pem"));
        b.writeCertPem(dir.resolve("b.pem"));
        s.pki().source.good(s.pki().issuer, a.serial());

        String out = roundTrip(s, "-cert", "a.pem", "-cert", "b.pem");

        assertThat(out).contains("Response verify OK").doesNotContain("Nonce Verify error");
        assertThat(out.indexOf("Cert Status: good")).isPositive().isLessThan(out.indexOf("Cert Status: unknown"));
    }

    @Test
    void responderIdIsTheSha1OfTheSignerKey() throws Exception {
        Setup s = setup(KeyType.EC_P256);
        CertBundle leaf = s.pki().leaf("rid.example");
        leaf.writeCertPem(dir.resolve("leaf.pem"));
        s.pki().source.good(s.pki().issuer, leaf.serial());
        byte[] keyBits = s.pki()
                .signer
                .holder()
                .getSubjectPublicKeyInfo()
                .getPublicKeyData()
                .getBytes();
        String keyHash = java.util.HexFormat.of()
                .withUpperCase()
                .formatHex(corp.example.ocsp.core.issuer.HashAlgorithm.SHA1.digest(keyBits));

        String out = roundTrip(s, "-no_nonce", "-cert", "leaf.pem");

        assertThat(out).contains("Responder Id: " + keyHash);
    }
}
