package corp.example.ocsp.testing.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The PEM and PKCS#12 files a bundle writes parse back to the same certificates and keys. */
class CertBundleFilesTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();

    private static Ca root;
    private static Ca intermediate;
    private static CertBundle rsaLeaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPki() {
        root = TestPki.newRoot("Files Root").build();
        intermediate = root.issueIntermediate("Files Intermediate").build();
        rsaLeaf = intermediate.issueLeaf("rsa").keyType(KeyType.RSA_2048).build();
    }

    @Test
    void writeCertPem_writesOneCertificateBlockThatParsesBack() throws Exception {
        Path file = rsaLeaf.writeCertPem(dir.resolve("nested/leaf.pem"));

        assertThat(file).isEqualTo(dir.resolve("nested/leaf.pem"));
        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(readPem(file)).singleElement().isEqualTo(rsaLeaf.holder());
    }

    @Test
    void writeChainPem_writesLeafThenIssuersUpToTheRoot() throws Exception {
        Path file = rsaLeaf.writeChainPem(dir.resolve("chain.pem"));

        assertThat(readPem(file)).containsExactly(rsaLeaf.holder(), intermediate.holder(), root.holder());
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = "RSA_3072", mode = EnumSource.Mode.EXCLUDE)
    void writeKeyPem_defaultIsUnencryptedPkcs8ThatParsesBack(KeyType type) throws Exception {
        CertBundle bundle = type == KeyType.RSA_2048
                ? rsaLeaf
                : intermediate.issueLeaf("k").keyType(type).build();

        Path file = bundle.writeKeyPem(dir.resolve("key.pem"));

        assertThat(firstLine(file)).isEqualTo("-----BEGIN PRIVATE KEY-----");
        PrivateKeyInfo info = (PrivateKeyInfo) readPem(file).get(0);
        assertSameKey(info, bundle.privateKey());
        assertThat(info.getVersion().intValueExact())
                .as("PKCS#8 v1, as OpenSSL reads it")
                .isZero();
        assertThat(info.getPublicKeyData()).isNull();
    }

    @Test
    void writeKeyPem_encryptedPkcs8UsesPbkdf2AndAes256AndOpensOnlyWithThePassword() throws Exception {
        CertBundle bundle = intermediate.issueOcspSigner("enc").build();

        Path file = bundle.writeKeyPem(dir.resolve("enc.pem"), KeyFormat.PKCS8_ENCRYPTED, PASSWORD);

        assertThat(firstLine(file)).isEqualTo("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        PKCS8EncryptedPrivateKeyInfo encrypted =
                (PKCS8EncryptedPrivateKeyInfo) readPem(file).get(0);
        assertThat(encrypted.getEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
        PBES2Parameters pbes2 =
                PBES2Parameters.getInstance(encrypted.getEncryptionAlgorithm().getParameters());
        KeyDerivationFunc kdf = pbes2.getKeyDerivationFunc();
        EncryptionScheme scheme = pbes2.getEncryptionScheme();
        assertThat(kdf.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBKDF2);
        assertThat(PBKDF2Params.getInstance(kdf.getParameters()).getPrf().getAlgorithm())
                .isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
        assertThat(scheme.getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
        assertSameKey(encrypted.decryptPrivateKeyInfo(decryptor(PASSWORD)), bundle.privateKey());
        assertThatThrownBy(() -> encrypted.decryptPrivateKeyInfo(decryptor("wrong".toCharArray())))
                .isInstanceOf(PKCSException.class);
    }

    @Test
    void writeKeyPem_sec1WritesAnEcPrivateKeyWithItsCurve() throws Exception {
        CertBundle bundle =
                intermediate.issueLeaf("ec").keyType(KeyType.EC_P384).build();

        Path file = bundle.writeKeyPem(dir.resolve("sec1.pem"), KeyFormat.SEC1, null);

        assertThat(firstLine(file)).isEqualTo("-----BEGIN EC PRIVATE KEY-----");
        PEMKeyPair pair = (PEMKeyPair) readPem(file).get(0);
        assertSameKey(pair.getPrivateKeyInfo(), bundle.privateKey());
    }

    @Test
    void writeKeyPem_pkcs1WritesAnRsaPrivateKey() throws Exception {
        Path file = rsaLeaf.writeKeyPem(dir.resolve("pkcs1.pem"), KeyFormat.PKCS1, null);

        assertThat(firstLine(file)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");
        PEMKeyPair pair = (PEMKeyPair) readPem(file).get(0);
        assertSameKey(pair.getPrivateKeyInfo(), rsaLeaf.privateKey());
    }

    @Test
    void writeKeyPem_formatThatDoesNotFitTheKeyIsRejected() {
        CertBundle ec = intermediate.issueLeaf("ec").build();
        CertBundle ed = intermediate.issueLeaf("ed").keyType(KeyType.ED25519).build();
        Path file = dir.resolve("never.pem");

        assertThatThrownBy(() -> rsaLeaf.writeKeyPem(file, KeyFormat.SEC1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA_2048");
        assertThatThrownBy(() -> ed.writeKeyPem(file, KeyFormat.SEC1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ec.writeKeyPem(file, KeyFormat.PKCS1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EC_P256");
        assertThatThrownBy(() -> ed.writeKeyPem(file, KeyFormat.PKCS1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ec.writeKeyPem(file, KeyFormat.PKCS8_ENCRYPTED, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password");
        assertThat(file).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"EC_P384", "ED25519"})
    void writePkcs12_holdsTheKeyAndChainUnderFriendlyNameResponder(KeyType type) throws Exception {
        CertBundle signer =
                intermediate.issueOcspSigner("p12 signer").keyType(type).build();

        Path file = signer.writePkcs12(dir.resolve("signer.p12"), PASSWORD);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        assertThat(Collections.list(store.aliases())).containsExactly("responder");
        Key key = store.getKey("responder", PASSWORD);
        assertThat(key).isInstanceOf(PrivateKey.class);
        assertSameKey(PrivateKeyInfo.getInstance(key.getEncoded()), signer.privateKey());
        Certificate[] chain = store.getCertificateChain("responder");
        assertThat(chain).containsExactly(signer.certificate(), intermediate.certificate(), root.certificate());
    }

    private static void assertSameKey(PrivateKeyInfo actual, PrivateKey expected) throws Exception {
        PrivateKeyInfo wanted = PrivateKeyInfo.getInstance(expected.getEncoded());
        assertThat(actual.getPrivateKeyAlgorithm()).isEqualTo(wanted.getPrivateKeyAlgorithm());
        assertThat(actual.parsePrivateKey()).isEqualTo(wanted.parsePrivateKey());
    }

    private static InputDecryptorProvider decryptor(char[] password) throws Exception {
        return new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(TestPki.provider())
                .build(password);
    }

    private static String firstLine(Path file) throws Exception {
        return Files.readAllLines(file).get(0);
    }

    private static List<Object> readPem(Path file) throws Exception {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        }
        return objects;
    }
}
