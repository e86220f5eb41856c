package corp.example.ocsp.testing.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;

/** Writes certificates and keys as PEM and PKCS#12 files with Bouncy Castle and the JDK. */
final class PemFiles {

    private PemFiles() {}

    static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Path writeCertificates(Path file, List<X509Certificate> certificates) {
        return write(file, pem -> {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        });
    }

    static Path writePrivateKey(Path file, PrivateKey key, KeyType type, KeyFormat format, char[] password) {
        Objects.requireNonNull(format, "format");
        switch (format) {
            case PKCS8:
                return write(file, pem -> pem.writeObject(new PKCS8Generator(v1(key), null)));
            case PKCS8_ENCRYPTED:
                if (password == null) {
                    throw new IllegalArgumentException("PKCS8_ENCRYPTED needs a password");
                }
                OutputEncryptor encryptor = encryptor(password);
                return write(file, pem -> pem.writeObject(new PKCS8Generator(v1(key), encryptor)));
            case SEC1:
                requireFormat(type.isEc(), format, type);
                // Bouncy Castle writes an EC key as RFC 5915 ECPrivateKey with the named curve.
                return write(file, pem -> pem.writeObject(key));
            case PKCS1:
                requireFormat(type.isRsa(), format, type);
                // Bouncy Castle writes an RSA key as PKCS#1 RSAPrivateKey.
                return write(file, pem -> pem.writeObject(key));
            default:
                throw new IllegalArgumentException("unknown key format " + format);
        }
    }

    /**
     * The key as a version 1 PrivateKeyInfo, without the public key that Bouncy Castle embeds in
     * Ed25519 keys (PKCS#8 v2, RFC 5958): OpenSSL 3.0 rejects that form as "unsupported".
     */
    static PrivateKeyInfo v1(PrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (info.getPublicKeyData() == null) {
            return info;
        }
        try {
            return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey(), info.getAttributes());
        } catch (IOException e) {
            throw new UncheckedIOException("malformed private key", e);
        }
    }

    private static void requireFormat(boolean fits, KeyFormat format, KeyType type) {
        if (!fits) {
            throw new IllegalArgumentException(format + " cannot hold a " + type + " key");
        }
    }

    private static OutputEncryptor encryptor(char[] password) {
        try {
            return new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(TestPki.provider())
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setPassword(password)
                    .build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create the PKCS#8 encryptor", e);
        }
    }

    static Path writePkcs12(Path file, String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        Objects.requireNonNull(password, "password");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            byte[] pkcs8 = v1(key).getEncoded();
            store.setKeyEntry(
                    alias,
                    new EncodedPrivateKey(key.getAlgorithm(), pkcs8),
                    password,
                    chain.toArray(Certificate[]::new));
            createParent(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build PKCS#12 " + file, e);
        }
    }

    /** A private key that is only its PKCS#8 encoding, for {@link KeyStore#setKeyEntry}. */
    private record EncodedPrivateKey(String algorithm, byte[] pkcs8) implements PrivateKey {
        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "PKCS#8";
        }

        @Override
        public byte[] getEncoded() {
            return pkcs8.clone();
        }
    }

    private interface PemBody {
        void writeTo(JcaPEMWriter pem) throws IOException;
    }

    private static Path write(Path file, PemBody body) {
        try {
            createParent(file);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                body.writeTo(pem);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
