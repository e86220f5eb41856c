package corp.example.ocsp.core.signing;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.x509.BouncyCastle;
import corp.example.ocsp.core.x509.CertificateFileException;
import corp.example.ocsp.core.x509.CertificateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads a {@link ResponderSigner} from files: a PEM certificate with a PEM key (PKCS#8, SEC1
 * {@code EC PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, encrypted PKCS#8 or legacy encrypted PEM
 * with a password), or a PKCS#12 file. Every error names the file.
 */
public final class SignerFiles {
    private SignerFiles() {}

    /** The signer in {@code certFile} (its first certificate) and {@code keyFile}, signing with AUTO. */
    public static ResponderSigner fromPem(Path certFile, Path keyFile, char[] password, Issuer ca, Clock clock)
            throws SignerLoadException {
        return fromPem(certFile, keyFile, password, ca, clock, SignatureProvider.AUTO);
    }

    /** The signer in {@code certFile} (its first certificate) and {@code keyFile}. */
    public static ResponderSigner fromPem(
            Path certFile, Path keyFile, char[] password, Issuer ca, Clock clock, SignatureProvider provider)
            throws SignerLoadException {
        X509CertificateHolder certificate = readCertificates(certFile).get(0);
        PrivateKey key = readPrivateKey(keyFile, password);
        return ResponderSigner.create(certFile + " with key " + keyFile, certificate, key, ca, clock, provider);
    }

    /** The signer in the first key entry of the PKCS#12 file {@code file}, signing with AUTO. */
    public static ResponderSigner fromPkcs12(Path file, char[] password, Issuer ca, Clock clock)
            throws SignerLoadException {
        return fromPkcs12(file, password, ca, clock, SignatureProvider.AUTO);
    }

    /** The signer in the first key entry of the PKCS#12 file {@code file}. */
    public static ResponderSigner fromPkcs12(
            Path file, char[] password, Issuer ca, Clock clock, SignatureProvider provider) throws SignerLoadException {
        char[] pass = password == null ? new char[0] : password;
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, pass);
        } catch (NoSuchFileException e) {
            throw new SignerLoadException(file + ": no such file");
        } catch (IOException e) {
            throw new SignerLoadException(
                    file + ": cannot read the PKCS#12 file (wrong password or not PKCS#12): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SignerLoadException(file + ": cannot read the PKCS#12 file: " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, pass);
                Certificate cert = store.getCertificate(alias);
                if (key instanceof PrivateKey privateKey && cert != null) {
                    X509CertificateHolder holder = new X509CertificateHolder(cert.getEncoded());
                    PrivateKey bcKey = ResponderSigner.toPrivateKey(
                            file.toString(), PrivateKeyInfo.getInstance(privateKey.getEncoded()));
                    return ResponderSigner.create(file.toString(), holder, bcKey, ca, clock, provider);
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new SignerLoadException(file + ": cannot read the key entry: " + e.getMessage(), e);
        }
        throw new SignerLoadException(file + ": no private key entry with a certificate in the PKCS#12 file");
    }

    /** Every certificate in a PEM file, in order; at least one. */
    public static List<X509CertificateHolder> readCertificates(Path file) throws SignerLoadException {
        try {
            return CertificateFiles.readPem(file);
        } catch (CertificateFileException e) {
            throw loadFailure(e);
        }
    }

    /** The private key in a PEM file; {@code password} is needed only for an encrypted key. */
    public static PrivateKey readPrivateKey(Path file, char[] password) throws SignerLoadException {
        String source = file.toString();
        for (Object o : readPem(file)) {
            try {
                if (o instanceof PrivateKeyInfo info) {
                    return ResponderSigner.toPrivateKey(source, info);
                } else if (o instanceof PEMKeyPair pair) {
                    return ResponderSigner.toPrivateKey(source, pair.getPrivateKeyInfo());
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(source, password);
                    return ResponderSigner.toPrivateKey(
                            source,
                            encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                    .setProvider(BouncyCastle.provider())
                                    .build(password)));
                } else if (o instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(source, password);
                    return ResponderSigner.toPrivateKey(
                            source,
                            encrypted
                                    .decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                            .setProvider(BouncyCastle.provider())
                                            .build(password))
                                    .getPrivateKeyInfo());
                }
            } catch (SignerLoadException e) {
                throw e;
            } catch (Exception e) {
                throw new SignerLoadException(
                        source + ": cannot decrypt the private key (wrong password?): " + e.getMessage(), e);
            }
        }
        throw new SignerLoadException(source + ": no private key in the file (expected PRIVATE KEY, "
                + "ENCRYPTED PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)");
    }

    private static void requirePassword(String source, char[] password) throws SignerLoadException {
        if (password == null || password.length == 0) {
            throw new SignerLoadException(source + ": the private key is encrypted and no password was given");
        }
    }

    private static List<Object> readPem(Path file) throws SignerLoadException {
        try {
            return CertificateFiles.pemObjects(file);
        } catch (CertificateFileException e) {
            throw loadFailure(e);
        }
    }

    private static SignerLoadException loadFailure(CertificateFileException e) {
        return switch (e.problem()) {
            case NO_SUCH_FILE -> new SignerLoadException(e.file() + ": no such file");
            case NO_CERTIFICATE -> new SignerLoadException(e.file() + ": no CERTIFICATE block in the file");
            case UNREADABLE, NOT_DER, MALFORMED_PEM ->
                new SignerLoadException(e.file() + ": not a readable PEM file: " + e.detail(), e);
        };
    }
}
