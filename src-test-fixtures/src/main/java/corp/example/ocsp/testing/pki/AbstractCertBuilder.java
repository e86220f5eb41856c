package corp.example.ocsp.testing.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Options every test certificate has: key, subject, serial, validity, clock, OCSP URL. Every
 * setter returns the builder; a later call overrides an earlier one. Nothing happens until
 * {@code build()}, which reads the clock, generates the key pair (unless one was given) and signs.
 *
 * <p>Defaults: key {@link KeyType#EC_P256}; subject {@code CN=<name>}; a random positive serial
 * of 16 content octets; valid from one minute before the clock's now until now plus the role's
 * default validity (365 days, 90 for OCSP signers); the system clock.
 *
 * @param <B> the concrete builder type, returned by every setter
 */
public abstract sealed class AbstractCertBuilder<B extends AbstractCertBuilder<B>> permits CaBuilder, CertBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration BACKDATE = Duration.ofMinutes(1);

    final String commonName;
    /** The issuing CA, or {@code null} when the certificate is self-signed. */
    final Ca issuer;

    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private String subject;
    private String organization;
    private BigInteger serial;
    private int serialOctets = 16;
    private boolean serialTopBitSet;
    private Instant notBefore;
    private Instant notAfter;
    private Duration validity;
    private Clock clock = Clock.systemUTC();
    private String ocspUrl;

    AbstractCertBuilder(String commonName, Ca issuer, Duration defaultValidity) {
        this.commonName = Objects.requireNonNull(commonName, "commonName");
        this.issuer = issuer;
        this.validity = defaultValidity;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The type of the key pair {@code build()} generates; default {@link KeyType#EC_P256}. */
    public B keyType(KeyType type) {
        this.keyType = Objects.requireNonNull(type, "type");
        this.keyPair = null;
        return self();
    }

    /**
     * Uses an existing key pair instead of generating one (to reuse a slow RSA key); its
     * {@link KeyType} is derived from the public key.
     */
    public B keyPair(KeyPair pair) {
        this.keyType = KeyType.of(pair.getPublic());
        this.keyPair = pair;
        return self();
    }

    /** The whole subject DN, e.g. {@code "CN=Test, O=Example, C=DE"}; replaces the default. */
    public B subject(String x500Name) {
        this.subject = Objects.requireNonNull(x500Name, "x500Name");
        return self();
    }

    /** Adds {@code O=<organization>} to the default subject {@code CN=<name>}. */
    public B organization(String organization) {
        this.organization = Objects.requireNonNull(organization, "organization");
        return self();
    }

    /** An exact serial number; zero and negative values are allowed, for edge-case tests. */
    public B serial(BigInteger value) {
        this.serial = Objects.requireNonNull(value, "value");
        return self();
    }

    /**
     * A random positive serial whose magnitude is exactly {@code octets} bytes (1 to 20). Without
     * {@link #serialWithTopBitSet()} the first byte is 0x01..0x7F, so the DER INTEGER has exactly
     * {@code octets} content octets. Replaces an exact {@link #serial(BigInteger)}.
     */
    public B serialOctets(int octets) {
        if (octets < 1 || octets > 20) {
            throw new IllegalArgumentException("serial octets must be 1..20, not " + octets);
        }
        this.serialOctets = octets;
        this.serial = null;
        return self();
    }

    /**
     * Makes the random serial's first magnitude byte 0x80..0xFF (always, not by chance), so its
     * DER INTEGER needs a leading 0x00 and has {@code octets + 1} content octets (17 with the
     * default 16; 21 with {@code serialOctets(20)}, one more than RFC 5280 allows, on purpose).
     * Replaces an exact {@link #serial(BigInteger)}.
     */
    public B serialWithTopBitSet() {
        this.serialTopBitSet = true;
        this.serial = null;
        return self();
    }

    /** The first instant of validity; default one minute before the clock's now. */
    public B notBefore(Instant instant) {
        this.notBefore = Objects.requireNonNull(instant, "instant");
        return self();
    }

    /** The last instant of validity; default the clock's now plus the role's validity. */
    public B notAfter(Instant instant) {
        this.notAfter = Objects.requireNonNull(instant, "instant");
        return self();
    }

    /**
     * Valid from one minute before the clock's now until now plus {@code duration}; discards
     * earlier {@link #notBefore} and {@link #notAfter} calls.
     */
    public B validFor(Duration duration) {
        this.validity = Objects.requireNonNull(duration, "duration");
        this.notBefore = null;
        this.notAfter = null;
        return self();
    }

    /** The clock default validity is counted from, read once in {@code build()}. */
    public B clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "value");
        return self();
    }

    /** Adds an Authority Information Access extension with one id-ad-ocsp URI. */
    public B ocspUrl(String url) {
        this.ocspUrl = Objects.requireNonNull(url, "url");
        return self();
    }

    /** Adds the extensions of this builder's role (basic constraints, key usage, EKU…). */
    abstract void addRoleExtensions(X509v3CertificateBuilder builder) throws CertIOException;

    final KeyType keyType() {
        return keyType;
    }

    final KeyPair keyPairToCertify() {
        return keyPair != null ? keyPair : keyType.generate();
    }

    /** Builds and signs the certificate for {@code subjectKeys} with the issuer's key. */
    final X509CertificateHolder sign(KeyPair subjectKeys) {
        Instant now = clock.instant();
        Instant from = notBefore != null ? notBefore : now.minus(BACKDATE);
        Instant until = notAfter != null ? notAfter : now.plus(validity);
        X500Name subjectName = subjectName();
        X500Name issuerName = issuer == null ? subjectName : issuer.holder().getSubject();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    serialNumber(),
                    Date.from(from),
                    Date.from(until),
                    subjectName,
                    subjectKeys.getPublic());
            SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(subjectKeys.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false, ski);
            if (issuer != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        new AuthorityKeyIdentifier(issuerKeyIdentifier(utils)));
            }
            addRoleExtensions(builder);
            if (ocspUrl != null) {
                builder.addExtension(
                        Extension.authorityInfoAccess,
                        false,
                        new AuthorityInformationAccess(new AccessDescription(
                                AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
            }
            KeyType signerType = issuer == null ? keyType : issuer.keyType();
            ContentSigner signer = new JcaContentSignerBuilder(signerType.signatureAlgorithm())
                    .setProvider(TestPki.provider())
                    .build(issuer == null ? subjectKeys.getPrivate() : issuer.privateKey());
            return builder.build(signer);
        } catch (CertIOException | OperatorCreationException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build certificate for " + subjectName, e);
        }
    }

    /** The issuer's own SKI, so chains link by key identifier. */
    private byte[] issuerKeyIdentifier(JcaX509ExtensionUtils utils) {
        Extension ski = issuer.holder().getExtension(Extension.subjectKeyIdentifier);
        if (ski == null) {
            return utils.createSubjectKeyIdentifier(issuer.publicKey()).getKeyIdentifier();
        }
        return SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
    }

    private X500Name subjectName() {
        if (subject != null) {
            return new X500Name(BCStyle.INSTANCE, subject);
        }
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null) {
            name.addRDN(BCStyle.O, organization);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    private BigInteger serialNumber() {
        if (serial != null) {
            return serial;
        }
        byte[] magnitude = new byte[serialOctets];
        RANDOM.nextBytes(magnitude);
        if (serialTopBitSet) {
            magnitude[0] |= (byte) 0x80;
        } else {
            magnitude[0] &= 0x7F;
            if (magnitude[0] == 0) {
                magnitude[0] = 1;
            }
        }
        return new BigInteger(1, magnitude);
    }
}
