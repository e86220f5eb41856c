package corp.example.ocsp.core.issuer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;

/** The hash algorithms a CertID may use (RFC 6960 §4.1.1, RFC 9919 §3.1.1). */
public enum HashAlgorithm {
    SHA1(OIWObjectIdentifiers.idSHA1, "SHA-1", "sha1"),
    SHA256(NISTObjectIdentifiers.id_sha256, "SHA-256", "sha256"),
    SHA384(NISTObjectIdentifiers.id_sha384, "SHA-384", "sha384"),
    SHA512(NISTObjectIdentifiers.id_sha512, "SHA-512", "sha512");

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;
    private final String label;

    HashAlgorithm(ASN1ObjectIdentifier oid, String jcaName, String label) {
        this.oid = oid;
        this.jcaName = jcaName;
        this.label = label;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** The short name used in configuration and logs: sha1, sha256, sha384, sha512. */
    public String label() {
        return label;
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this JVM", e);
        }
    }

    /** The algorithm with this OID, if it is one of ours. */
    public static Optional<HashAlgorithm> ofOid(ASN1ObjectIdentifier oid) {
        for (HashAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm named {@code label} (sha1, sha256, ...; case and a dash are ignored). */
    public static Optional<HashAlgorithm> ofLabel(String label) {
        String l = label == null ? "" : label.trim().replace("-", "");
        for (HashAlgorithm a : values()) {
            if (a.label.equalsIgnoreCase(l)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
