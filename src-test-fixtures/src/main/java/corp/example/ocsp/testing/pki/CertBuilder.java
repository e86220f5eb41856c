package corp.example.ocsp.testing.pki;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds an end-entity certificate: a leaf ({@link Ca#issueLeaf}) or a delegated OCSP signer
 * ({@link Ca#issueOcspSigner}). Both get basicConstraints {@code CA:false} (critical), keyUsage
 * digitalSignature (critical), and subject and authority key identifiers.
 *
 * <ul>
 *   <li>A leaf has EKU serverAuth, valid 365 days.</li>
 *   <li>An OCSP signer has EKU id-kp-OCSPSigning only and id-pkix-ocsp-nocheck (NULL,
 *       non-critical), valid 90 days, and no AIA unless {@link #ocspUrl} is called.</li>
 * </ul>
 */
public final class CertBuilder extends AbstractCertBuilder<CertBuilder> {

    private KeyPurposeId[] extendedKeyUsages;
    private int keyUsageBits = KeyUsage.digitalSignature;
    private boolean ocspNoCheck;
    private List<String> dnsNames = List.of();
    private List<String> ipAddresses = List.of();

    private CertBuilder(String commonName, Ca issuer, Duration validity, KeyPurposeId eku, boolean ocspNoCheck) {
        super(commonName, issuer, validity);
        this.extendedKeyUsages = new KeyPurposeId[] {eku};
        this.ocspNoCheck = ocspNoCheck;
    }

    static CertBuilder leaf(String commonName, Ca issuer) {
        return new CertBuilder(commonName, issuer, Duration.ofDays(365), KeyPurposeId.id_kp_serverAuth, false);
    }

    static CertBuilder ocspSigner(String commonName, Ca issuer) {
        return new CertBuilder(commonName, issuer, Duration.ofDays(90), KeyPurposeId.id_kp_OCSPSigning, true);
    }

    /** Replaces the extended key usages; no arguments means no EKU extension at all. */
    public CertBuilder extendedKeyUsage(KeyPurposeId... ekus) {
        this.extendedKeyUsages = ekus.clone();
        return this;
    }

    /** Replaces the subjectAltName DNS names (the SAN lists DNS names, then IP addresses). */
    public CertBuilder dnsNames(String... names) {
        this.dnsNames = List.of(names);
        return this;
    }

    /** Replaces the subjectAltName IP addresses, IPv4 or IPv6 literals. */
    public CertBuilder ipAddresses(String... addresses) {
        this.ipAddresses = List.of(addresses);
        return this;
    }

    /** Leaves out id-pkix-ocsp-nocheck (an OCSP signer's default; a leaf never has it). */
    public CertBuilder withoutOcspNoCheck() {
        this.ocspNoCheck = false;
        return this;
    }

    /**
     * Replaces the keyUsage bits (critical), an OR of Bouncy Castle's {@link KeyUsage} constants,
     * e.g. {@code KeyUsage.digitalSignature | KeyUsage.keyEncipherment}; 0 means no keyUsage
     * extension.
     */
    public CertBuilder keyUsage(int bcKeyUsageBits) {
        this.keyUsageBits = bcKeyUsageBits;
        return this;
    }

    @Override
    void addRoleExtensions(X509v3CertificateBuilder builder) throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (keyUsageBits != 0) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits));
        }
        if (extendedKeyUsages.length > 0) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsages));
        }
        if (ocspNoCheck) {
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
        }
        List<GeneralName> altNames = new ArrayList<>();
        dnsNames.forEach(name -> altNames.add(new GeneralName(GeneralName.dNSName, name)));
        ipAddresses.forEach(ip -> altNames.add(new GeneralName(GeneralName.iPAddress, ip)));
        if (!altNames.isEmpty()) {
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(altNames.toArray(GeneralName[]::new)));
        }
    }

    /** Generates the key pair (unless given) and signs the certificate with the issuer's key. */
    public CertBundle build() {
        KeyPair keys = keyPairToCertify();
        return new CertBundle(sign(keys), keys, keyType(), issuer);
    }
}
