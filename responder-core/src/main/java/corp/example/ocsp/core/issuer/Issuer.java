package corp.example.ocsp.core.issuer;

import corp.example.ocsp.core.x509.BouncyCastle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * A CA whose certificates the responder answers for, with its CertID hashes precomputed for every
 * {@link HashAlgorithm}.
 *
 * <p>The issuerNameHash is taken over the DER of the CA certificate's subject Name and the
 * issuerKeyHash over the value of its subjectPublicKey BIT STRING (RFC 6960 §4.1.1), never from
 * the subject or authority key identifier extensions, which are not always that hash. Two CAs with
 * the same name and different keys (a re-keyed CA) are two issuers with different {@link #id()}s.
 */
public final class Issuer {
    private static final HexFormat HEX = HexFormat.of();

    private final String label;
    private final X509CertificateHolder certificate;
    private final byte[] subjectDer;
    private final byte[] keyBits;
    private final Map<HashAlgorithm, byte[]> nameHashes = new EnumMap<>(HashAlgorithm.class);
    private final Map<HashAlgorithm, byte[]> keyHashes = new EnumMap<>(HashAlgorithm.class);
    private final String id;

    private Issuer(String label, X509CertificateHolder certificate) {
        this.label = Objects.requireNonNull(label, "label");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        try {
            this.subjectDer = certificate.getSubject().getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the subject of CA " + label, e);
        }
        this.keyBits = certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        for (HashAlgorithm a : HashAlgorithm.values()) {
            nameHashes.put(a, a.digest(subjectDer));
            keyHashes.put(a, a.digest(keyBits));
        }
        this.id = HEX.formatHex(nameHashes.get(HashAlgorithm.SHA256), 0, 8)
                + HEX.formatHex(keyHashes.get(HashAlgorithm.SHA256), 0, 8);
    }

    /** The issuer named {@code label} (for logs and the store) with CA certificate {@code certificate}. */
    public static Issuer of(String label, X509CertificateHolder certificate) {
        return new Issuer(label, certificate);
    }

    /** The operator's name for this CA, as in configuration and logs. */
    public String label() {
        return label;
    }

    /**
     * A stable identifier of this (name, key) pair: 32 hex digits from the SHA-256 name and key
     * hashes. The same CA certificate re-issued with a new validity keeps its id.
     */
    public String id() {
        return id;
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    /** The DER encoding of the CA's subject Name. */
    public byte[] subjectDer() {
        return subjectDer.clone();
    }

    /** The CertID issuerNameHash for {@code algorithm}. */
    public byte[] nameHash(HashAlgorithm algorithm) {
        return nameHashes.get(algorithm).clone();
    }

    /** The CertID issuerKeyHash for {@code algorithm}. */
    public byte[] keyHash(HashAlgorithm algorithm) {
        return keyHashes.get(algorithm).clone();
    }

    /** True if both CertID hashes for {@code algorithm} are this issuer's. */
    public boolean matches(HashAlgorithm algorithm, byte[] nameHash, byte[] keyHash) {
        return java.security.MessageDigest.isEqual(nameHashes.get(algorithm), nameHash)
                && java.security.MessageDigest.isEqual(keyHashes.get(algorithm), keyHash);
    }

    /**
     * True if this CA issued {@code certificate}: its issuer Name is this CA's subject, byte for
     * byte, and its signature verifies with this CA's public key.
     */
    public boolean issued(X509CertificateHolder certificate) {
        return whyNotIssued(certificate).isEmpty();
    }

    /**
     * Empty if this CA issued {@code certificate} (as {@link #issued}); else why not, for a message:
     * {@code its issuer name is <name>}, {@code its signature does not verify with the CA's public
     * key} or {@code its signature cannot be checked: <reason>}.
     */
    public Optional<String> whyNotIssued(X509CertificateHolder certificate) {
        try {
            if (!Arrays.equals(certificate.getIssuer().getEncoded("DER"), subjectDer)) {
                return Optional.of("its issuer name is " + certificate.getIssuer());
            }
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder()
                    .setProvider(BouncyCastle.provider())
                    .build(this.certificate);
            return certificate.isSignatureValid(verifier)
                    ? Optional.empty()
                    : Optional.of("its signature does not verify with the CA's public key");
        } catch (Exception e) { // an unreadable key or signature: not issued by this CA
            return Optional.of("its signature cannot be checked: " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Issuer other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return label + " (" + certificate.getSubject() + ")";
    }
}
