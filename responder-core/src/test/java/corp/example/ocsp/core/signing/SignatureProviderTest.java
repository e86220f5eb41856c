package corp.example.ocsp.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.x509.BouncyCastle;
import corp.example.ocsp.testing.MutableClock;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureProviderTest {
    private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
    private static final byte[] TBS = "tbsResponseData".getBytes(StandardCharsets.US_ASCII);
    private static Ca ca;
    private static Issuer issuer;

    @BeforeAll
    static void pki() {
        ca = TestPki.newRoot("Provider Test CA")
                .keyType(KeyType.EC_P384)
                .clock(CLOCK)
                .build();
        issuer = Issuer.of("ca", ca.holder());
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"EC_P256", "EC_P384", "EC_P521", "RSA_2048", "RSA_3072"})
    void awsLc_signsEcAndRsaKeysVerifiablyByBouncyCastle(KeyType type) throws Exception {
        CertBundle s =
                ca.issueOcspSigner("OCSP " + type).keyType(type).clock(CLOCK).build();
        if (SignatureProvider.awsLcUnavailableBecause().isPresent()) {
            assertThatThrownBy(() -> signer(s, SignatureProvider.AWS_LC))
                    .hasMessageContaining("aws-lc does not work on this machine");
            return;
        }
        ResponderSigner signer = signer(s, SignatureProvider.AWS_LC);

        assertThat(signer.providerDescription()).startsWith("AWS-LC");
        assertThat(verifies(s, signer.sign(TBS))).isTrue();
        assertThat(verifies(s, signer.sign("other data".getBytes(StandardCharsets.US_ASCII))))
                .isFalse();
    }

    @Test
    void awsLc_isRefusedForEd25519_whichAutoSignsWithBouncyCastle() throws Exception {
        CertBundle s = ca.issueOcspSigner("OCSP Ed25519")
                .keyType(KeyType.ED25519)
                .clock(CLOCK)
                .build();

        assertThatThrownBy(() -> signer(s, SignatureProvider.AWS_LC))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining("test: signing provider aws-lc");
        ResponderSigner auto = signer(s, SignatureProvider.AUTO);
        assertThat(auto.providerDescription()).startsWith("Bouncy Castle");
        assertThat(verifies(s, auto.sign(TBS))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
    void mlDsa_isSignedByBouncyCastleUnderAuto_andRefusedForAwsLc(KeyType type) throws Exception {
        CertBundle s =
                ca.issueOcspSigner("OCSP " + type).keyType(type).clock(CLOCK).build();

        ResponderSigner auto = signer(s, SignatureProvider.AUTO);
        assertThat(auto.algorithmName()).isEqualTo(type.signatureAlgorithm());
        assertThat(auto.providerDescription()).startsWith("Bouncy Castle");
        assertThat(verifies(s, auto.sign(TBS))).isTrue();
        assertThatThrownBy(() -> signer(s, SignatureProvider.AWS_LC))
                .isInstanceOf(SignerLoadException.class)
                .hasMessageContaining("test: signing provider aws-lc");
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"EC_P256", "RSA_2048", "ED25519"})
    void bouncyCastle_signsWhenChosen(KeyType type) throws Exception {
        CertBundle s =
                ca.issueOcspSigner("OCSP " + type).keyType(type).clock(CLOCK).build();
        ResponderSigner signer = signer(s, SignatureProvider.BOUNCYCASTLE);

        assertThat(signer.providerDescription()).startsWith("Bouncy Castle");
        assertThat(verifies(s, signer.sign(TBS))).isTrue();
    }

    @Test
    void auto_signsWithAwsLcWhereItWorks_elseWithBouncyCastle() throws Exception {
        CertBundle s = ca.issueOcspSigner("OCSP auto").clock(CLOCK).build();
        ResponderSigner signer = signer(s, SignatureProvider.AUTO);

        String expected = SignatureProvider.awsLcUnavailableBecause().isEmpty() ? "AWS-LC" : "Bouncy Castle";
        assertThat(signer.providerDescription()).startsWith(expected);
        assertThat(verifies(s, signer.sign(TBS))).isTrue();
    }

    @Test
    void awsLc_worksOnTheLinuxPlatformTheBuildShipsItsLibraryFor() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertThat(SignatureProvider.awsLcUnavailableBecause()).isEmpty();
        } else {
            assertThat(SignatureProvider.awsLcUnavailableBecause()).isPresent();
        }
    }

    @Test
    void awsLcWhereItCannotLoad_isRefusedNamingTheFileAndTheSetting_whileAutoFallsBack() throws Exception {
        Optional<Provider> none = Optional.empty();
        String why =
                "its native library did not load: java.lang.UnsatisfiedLinkError: no libamazonCorrettoCryptoProvider";

        assertThatThrownBy(
                        () -> SigningProviders.resolve(SignatureProvider.AWS_LC, "SHA256withECDSA", "r.pem", none, why))
                .isInstanceOf(SignerLoadException.class)
                .hasMessage("r.pem: signing provider aws-lc does not work on this machine (" + why
                        + "); choose the signing provider bouncycastle or auto")
                .satisfies(e ->
                        assertThat(((SignerLoadException) e).concernsProvider()).isTrue());
        assertThat(SigningProviders.resolve(SignatureProvider.AUTO, "SHA256withECDSA", "r.pem", none, why))
                .isSameAs(BouncyCastle.provider());
    }

    @Test
    void awsLcWithoutTheKeysAlgorithm_isRefused_whileAutoFallsBack() throws Exception {
        Optional<Provider> empty = Optional.of(new Provider("Empty", "1", "offers nothing") {});

        assertThatThrownBy(() -> SigningProviders.resolve(SignatureProvider.AWS_LC, "Ed25519", "r.pem", empty, ""))
                .hasMessage("r.pem: signing provider aws-lc has no Ed25519; choose the signing provider bouncycastle"
                        + " or auto");
        assertThat(SigningProviders.resolve(SignatureProvider.AUTO, "Ed25519", "r.pem", empty, ""))
                .isSameAs(BouncyCastle.provider());
    }

    @Test
    void labels_areWhatConfigurationFilesSay() {
        assertThat(SignatureProvider.AUTO.label()).isEqualTo("auto");
        assertThat(SignatureProvider.AWS_LC.label()).isEqualTo("aws-lc");
        assertThat(SignatureProvider.BOUNCYCASTLE.label()).isEqualTo("bouncycastle");
    }

    private static ResponderSigner signer(CertBundle s, SignatureProvider provider) throws SignerLoadException {
        return ResponderSigner.create("test", s.holder(), s.privateKey(), issuer, CLOCK, provider);
    }

    private static boolean verifies(CertBundle s, byte[] signature) throws Exception {
        Signature verify = Signature.getInstance(s.keyType().signatureAlgorithm(), BouncyCastle.provider());
        verify.initVerify(s.publicKey());
        verify.update(TBS);
        return verify.verify(signature);
    }
}
