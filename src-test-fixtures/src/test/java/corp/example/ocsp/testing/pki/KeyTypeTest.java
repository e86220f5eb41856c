package corp.example.ocsp.testing.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTypeTest {

    @ParameterizedTest
    // JDK 17 has no ML-DSA: those are checked by the test below
    @EnumSource(value = KeyType.class, names = "ML_DSA_.*", mode = EnumSource.Mode.MATCH_NONE)
    void generate_makesAKeyOfThatTypeWhichSignsWithItsAlgorithm(KeyType type) throws Exception {
        KeyPair pair = type.generate();
        byte[] data = "tbsResponseData".getBytes(StandardCharsets.US_ASCII);

        Signature signer = Signature.getInstance(type.signatureAlgorithm(), TestPki.provider());
        signer.initSign(pair.getPrivate());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(type.signatureAlgorithm());
        verifier.initVerify(pair.getPublic());
        verifier.update(data);

        assertThat(KeyType.of(pair.getPublic())).isEqualTo(type);
        assertThat(verifier.verify(signature))
                .as("verified by the JDK provider")
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = "ML_DSA_.*", mode = EnumSource.Mode.MATCH_ANY)
    void generate_makesAnMlDsaKeyOfThatParameterSetVerifiedByBouncyCastle(KeyType type) throws Exception {
        KeyPair pair = type.generate();
        byte[] data = "tbsResponseData".getBytes(StandardCharsets.US_ASCII);

        Signature signer = Signature.getInstance(type.signatureAlgorithm(), TestPki.provider());
        signer.initSign(pair.getPrivate());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(type.signatureAlgorithm(), TestPki.provider());
        verifier.initVerify(pair.getPublic());
        verifier.update(data);

        assertThat(type.isMlDsa()).isTrue();
        assertThat(KeyType.of(pair.getPublic())).isEqualTo(type);
        assertThat(verifier.verify(signature)).isTrue();
        verifier.initVerify(pair.getPublic());
        verifier.update("other data".getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).isFalse();
    }

    @Test
    void generate_givesTheNamedSizesAndCurves() {
        assertThat(((RSAPublicKey) KeyType.RSA_2048.generate().getPublic())
                        .getModulus()
                        .bitLength())
                .isEqualTo(2048);
        assertThat(((ECPublicKey) KeyType.EC_P521.generate().getPublic())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(521);
        assertThat(KeyType.EC_P256.generate().getPublic().getEncoded())
                .isNotEqualTo(KeyType.EC_P256.generate().getPublic().getEncoded());
    }

    @Test
    void signatureAlgorithm_followsTheKeyType() {
        assertThat(KeyType.RSA_2048.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(KeyType.RSA_3072.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(KeyType.EC_P256.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(KeyType.EC_P384.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
        assertThat(KeyType.EC_P521.signatureAlgorithm()).isEqualTo("SHA512withECDSA");
        assertThat(KeyType.ED25519.signatureAlgorithm()).isEqualTo("Ed25519");
    }

    @Test
    void of_recognisesKeysFromTheJdkProvider() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", "SunEC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519", "SunEC");

        assertThat(KeyType.of(ec.generateKeyPair().getPublic())).isEqualTo(KeyType.EC_P384);
        assertThat(KeyType.of(ed.generateKeyPair().getPublic())).isEqualTo(KeyType.ED25519);
    }

    @Test
    void of_rejectsUnsupportedSizesAndCurves() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", TestPki.provider());
        ec.initialize(new ECGenParameterSpec("secp256k1"));

        assertThatThrownBy(() -> KeyType.of(rsa.generateKeyPair().getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024");
        assertThatThrownBy(() -> KeyType.of(ec.generateKeyPair().getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("curve");
    }
}
