package corp.example.ocsp.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.x509.BouncyCastle;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyFormat;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignerFilesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final char[] PASSWORD = "s3cret pass".toCharArray();
    private static final MutableClock CLOCK = MutableClock.at(NOW);
    private static Ca ca;
    private static Issuer issuer;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        ca = TestPki.newRoot("Signer Test CA")
                .keyType(KeyType.EC_P384)
                .clock(CLOCK)
                .build();
        issuer = Issuer.of("ca", ca.holder());
    }

    private CertBundle signer(KeyType type) {
        return ca.issueOcspSigner("OCSP " + type).keyType(type).clock(CLOCK).build();
    }

    @ParameterizedTest
    @CsvSource({
        "EC_P256, SHA256withECDSA",
        "EC_P384, SHA384withECDSA",
        "EC_P521, SHA512withECDSA",
        "RSA_2048, SHA256withRSA",
        "ED25519, Ed25519"
    })
    void pkcs8Pem_loadsWithTheAlgorithmThatFollowsTheKey(KeyType type, String algorithm) throws Exception {
        CertBundle s = signer(type);
        ResponderSigner signer = SignerFiles.fromPem(
                s.writeCertPem(dir.resolve("r.pem")), s.writeKeyPem(dir.resolve("r.key")), null, issuer, CLOCK);

        assertThat(signer.algorithmName()).isEqualTo(algorithm);
        assertThat(signer.delegated()).isTrue();
        byte[] data = "tbs".getBytes();
        java.security.Signature verify = java.security.Signature.getInstance(algorithm, BouncyCastle.provider());
        verify.initVerify(s.publicKey());
        verify.update(data);
        assertThat(verify.verify(signer.sign(data))).isTrue();
    }

    @Test
    void sec1EcKey_loads() throws Exception {
        CertBundle s = signer(KeyType.EC_P256);
        ResponderSigner signer = SignerFiles.fromPem(
                s.writeCertPem(dir.resolve("r.pem")),
                s.writeKeyPem(dir.resolve("r.key"), KeyFormat.SEC1, null),
                null,
                issuer,
                CLOCK);
        assertThat(Files.readString(dir.resolve("r.key"))).contains("BEGIN EC PRIVATE KEY");
        assertThat(signer.algorithmName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void pkcs1RsaKey_loads() throws Exception {
        CertBundle s = signer(KeyType.RSA_2048);
        ResponderSigner signer = SignerFiles.fromPem(
                s.writeCertPem(dir.resolve("r.pem")),
                s.writeKeyPem(dir.resolve("r.key"), KeyFormat.PKCS1, null),
                null,
                issuer,
                CLOCK);
        assertThat(Files.readString(dir.resolve("r.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(signer.algorithmName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void encryptedPkcs8_loadsWithItsPasswordOnly() throws Exception {
        CertBundle s = signer(KeyType.EC_P256);
        Path cert = s.writeCertPem(dir.resolve("r.pem"));
        Path key = s.writeKeyPem(dir.resolve("r.key"), KeyFormat.PKCS8_ENCRYPTED, PASSWORD);

        assertThat(SignerFiles.fromPem(cert, key, PASSWORD, issuer, CLOCK).algorithmName())
                .isEqualTo("SHA256withECDSA");
        assertThatThrownBy(() -> SignerFiles.fromPem(cert, key, null, issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("encrypted and no password");
        assertThatThrownBy(() -> SignerFiles.fromPem(cert, key, "wrong".toCharArray(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("wrong password");
    }

    @Test
    void pkcs12_loads() throws Exception {
        CertBundle s = signer(KeyType.EC_P256);
        Path p12 = s.writePkcs12(dir.resolve("r.p12"), PASSWORD);

        ResponderSigner signer = SignerFiles.fromPkcs12(p12, PASSWORD, issuer, CLOCK);

        assertThat(signer.certificate().getEncoded()).isEqualTo(s.encoded());
        assertThatThrownBy(() -> SignerFiles.fromPkcs12(p12, "nope".toCharArray(), issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining(p12.toString());
    }

    @Test
    void keyThatDoesNotMatchTheCertificate_isRefusedNamingTheFiles() throws Exception {
        Path cert = signer(KeyType.EC_P256).writeCertPem(dir.resolve("r.pem"));
        Path key = signer(KeyType.EC_P256).writeKeyPem(dir.resolve("other.key"));

        assertThatThrownBy(() -> SignerFiles.fromPem(cert, key, null, issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining(cert.toString())
                .hasMessageContaining(key.toString())
                .hasMessageContaining("does not match");
    }

    @Test
    void certificateNotIssuedByTheCa_isRefused() throws Exception {
        Ca other = TestPki.newRoot("Signer Test CA").clock(CLOCK).build(); // same name, other key
        CertBundle s = other.issueOcspSigner("impostor").clock(CLOCK).build();

        assertThatThrownBy(() -> SignerFiles.fromPem(
                        s.writeCertPem(dir.resolve("r.pem")), s.writeKeyPem(dir.resolve("r.key")), null, issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining("r.pem")
                .hasMessageContaining("was not issued by CA ca");
    }

    @Test
    void delegatedCertificateWithoutOcspSigning_isRefused() throws Exception {
        CertBundle s =
                ca.issueOcspSigner("no eku").extendedKeyUsage().clock(CLOCK).build();

        assertThatThrownBy(() -> SignerFiles.fromPem(
                        s.writeCertPem(dir.resolve("r.pem")), s.writeKeyPem(dir.resolve("r.key")), null, issuer, CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining("r.pem")
                .hasMessageContaining("id-kp-OCSPSigning");
    }

    @Test
    void certificateNotValidNow_isRefused() throws Exception {
        CertBundle expired = ca.issueOcspSigner("expired")
                .notBefore(NOW.minus(Duration.ofDays(30)))
                .notAfter(NOW.minus(Duration.ofDays(1)))
                .clock(CLOCK)
                .build();
        CertBundle future = ca.issueOcspSigner("future")
                .notBefore(NOW.plus(Duration.ofDays(1)))
                .notAfter(NOW.plus(Duration.ofDays(30)))
                .clock(CLOCK)
                .build();

        for (CertBundle s : new CertBundle[] {expired, future}) {
            Path cert = s.writeCertPem(dir.resolve("r.pem"));
            assertThatThrownBy(
                            () -> SignerFiles.fromPem(cert, s.writeKeyPem(dir.resolve("r.key")), null, issuer, CLOCK))
                    .isInstanceOf(SignerLoadException.class)
                    .hasMessageContaining("r.pem")
                    .hasMessageContaining("is not valid now");
        }
    }

    @Test
    void theCaItself_mayBeTheSigner() throws Exception {
        ResponderSigner signer = SignerFiles.fromPem(
                ca.writeCertPem(dir.resolve("ca.pem")), ca.writeKeyPem(dir.resolve("ca.key")), null, issuer, CLOCK);

        assertThat(signer.delegated()).isFalse();
        assertThat(signer.algorithmName()).isEqualTo("SHA384withECDSA");
    }

    @Test
    void caCertificateWithoutDigitalSignature_cannotSignItsOwnResponses() throws Exception {
        // a "CA" whose keyUsage allows certificate signing only (BR 7.1.2.10.7 wants digitalSignature)
        CertBundle signOnly = ca.issueLeaf("Cert-Signing Only CA")
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign)
                .clock(CLOCK)
                .build();
        Issuer self = Issuer.of("sign-only", signOnly.holder());

        assertThatThrownBy(() -> SignerFiles.fromPem(
                        signOnly.writeCertPem(dir.resolve("ca.pem")),
                        signOnly.writeKeyPem(dir.resolve("ca.key")),
                        null,
                        self,
                        CLOCK))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining("ca.pem")
                .hasMessageContaining("lacks keyUsage digitalSignature");
    }

    @Test
    void missingOrEmptyFiles_getOneLineErrorsNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path key = signer(KeyType.EC_P256).writeKeyPem(dir.resolve("r.key"));

        assertThatThrownBy(() -> SignerFiles.fromPem(missing, key, null, issuer, CLOCK))
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> SignerFiles.fromPem(empty, key, null, issuer, CLOCK))
                .hasMessage(empty + ": no CERTIFICATE block in the file");
        Path cert = signer(KeyType.EC_P256).writeCertPem(dir.resolve("r.pem"));
        assertThatThrownBy(() -> SignerFiles.fromPem(cert, cert, null, issuer, CLOCK))
                .hasMessageStartingWith(cert + ": no private key in the file");
    }
}
