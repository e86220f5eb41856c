package corp.example.ocsp.testing.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A test certificate with its key pair and issuer. The {@link X509Certificate} comes from the
 * JDK's default {@code CertificateFactory}; the keys from the Bouncy Castle provider.
 *
 * <p>The {@code write…} methods write files for external tools and for the responder's
 * configuration and return the path written; missing parent directories are created.
 */
public sealed class CertBundle permits Ca {

    private final X509CertificateHolder holder;
    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final KeyType keyType;
    private final Ca issuer;

    CertBundle(X509CertificateHolder holder, KeyPair keyPair, KeyType keyType, Ca issuer) {
        this.holder = holder;
        this.keyPair = keyPair;
        this.keyType = keyType;
        this.issuer = issuer;
        try {
            this.certificate = new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot decode the certificate just built", e);
        }
    }

    /** The certificate as a JDK object. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as a Bouncy Castle holder. */
    public X509CertificateHolder holder() {
        return holder;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The certificate's serial number. */
    public BigInteger serial() {
        return holder.getSerialNumber();
    }

    /** The CA that signed this certificate, or {@code null} for a self-signed root. */
    public Ca issuer() {
        return issuer;
    }

    /** The issuer's certificate; a root's own certificate for a root. */
    public X509Certificate issuerCertificate() {
        return issuer == null ? certificate : issuer.certificate();
    }

    /** The certificate's DER encoding (a fresh copy). */
    public byte[] encoded() {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This certificate, then its issuer, up to and including the root. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        for (CertBundle c = this; c != null; c = c.issuer) {
            chain.add(c.certificate);
        }
        return List.copyOf(chain);
    }

    /** Writes the certificate as one PEM {@code CERTIFICATE} block. */
    public Path writeCertPem(Path file) {
        return PemFiles.writeCertificates(file, List.of(certificate));
    }

    /** Writes {@link #chain()} as consecutive PEM {@code CERTIFICATE} blocks, leaf first. */
    public Path writeChainPem(Path file) {
        return PemFiles.writeCertificates(file, chain());
    }

    /** Writes the private key as unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
    public Path writeKeyPem(Path file) {
        return writeKeyPem(file, KeyFormat.PKCS8, null);
    }

    /**
     * Writes the private key in {@code format}.
     *
     * @param password required for {@link KeyFormat#PKCS8_ENCRYPTED}, ignored otherwise
     * @throws IllegalArgumentException if the format does not fit the key type (SEC1 for a non-EC
     *     key, PKCS1 for a non-RSA key) or an encrypted format has no password
     */
    public Path writeKeyPem(Path file, KeyFormat format, char[] password) {
        return PemFiles.writePrivateKey(file, privateKey(), keyType, format, password);
    }

    /**
     * Writes a PKCS#12 file (JDK {@code KeyStore "PKCS12"}) with one key entry, friendly name
     * {@code "responder"}: the private key and {@link #chain()}, both protected by {@code password}.
     */
    public Path writePkcs12(Path file, char[] password) {
        return PemFiles.writePkcs12(file, "responder", privateKey(), chain(), password);
    }

    /** A certificate as a PEM {@code CERTIFICATE} block with a trailing newline. */
    public static String pem(X509Certificate certificate) {
        return PemFiles.pem(certificate);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + holder.getSubject() + ", serial " + serial().toString(16) + ", "
                + keyType + "]";
    }
}
