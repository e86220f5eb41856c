package corp.example.ocsp.testing.ocsp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;

/** The hash algorithms a CertID can use. */
public enum CertIdHash {
    SHA1(OIWObjectIdentifiers.idSHA1, "SHA-1"),
    SHA256(NISTObjectIdentifiers.id_sha256, "SHA-256"),
    SHA384(NISTObjectIdentifiers.id_sha384, "SHA-384"),
    SHA512(NISTObjectIdentifiers.id_sha512, "SHA-512");

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;

    CertIdHash(ASN1ObjectIdentifier oid, String jcaName) {
        this.oid = oid;
        this.jcaName = jcaName;
    }

    /** The algorithm's object identifier, as it appears in the CertID's hashAlgorithm. */
    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from the JDK", e);
        }
    }
}
