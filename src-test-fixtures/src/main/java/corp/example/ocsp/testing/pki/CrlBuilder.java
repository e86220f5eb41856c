package corp.example.ocsp.testing.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * CRLs made with Bouncy Castle for tests: full or delta, numbered, with entries carrying a reason
 * and an invalidity date, signed by a CA of the {@link TestPki} (or any key, for a bad signature).
 *
 * <pre>{@code
 * byte[] der = CrlBuilder.by(ca).number(7).thisUpdate(t).nextUpdate(t.plus(7, DAYS))
 *         .revoke(serial, t, 1).build();
 * }</pre>
 */
public final class CrlBuilder {
    private final X500Name issuer;
    private final PrivateKey key;
    private final String algorithm;
    private Instant thisUpdate = Instant.now().minusSeconds(60);
    private Instant nextUpdate = thisUpdate.plusSeconds(7 * 24 * 3600);
    private BigInteger number;
    private BigInteger deltaBase;
    private boolean indirect;
    private final X509v2CRLBuilder builder;

    private CrlBuilder(X500Name issuer, PrivateKey key, String algorithm) {
        this.issuer = issuer;
        this.key = key;
        this.algorithm = algorithm;
        this.builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
    }

    /** A CRL issued by {@code ca}, signed with its key. */
    public static CrlBuilder by(CertBundle ca) {
        return new CrlBuilder(ca.holder().getSubject(), ca.privateKey(), algorithm(ca.keyType()));
    }

    /** A CRL naming {@code ca} as issuer but signed with {@code other}'s key (a bad signature). */
    public static CrlBuilder forgedFor(CertBundle ca, CertBundle other) {
        return new CrlBuilder(ca.holder().getSubject(), other.privateKey(), algorithm(other.keyType()));
    }

    private static String algorithm(KeyType type) {
        String name = type.name();
        if (name.startsWith("RSA")) {
            return "SHA256withRSA";
        }
        if (name.contains("384")) {
            return "SHA384withECDSA";
        }
        if (name.startsWith("EC")) {
            return "SHA256withECDSA";
        }
        return "Ed25519";
    }

    public CrlBuilder thisUpdate(Instant t) {
        this.thisUpdate = t;
        builder.setThisUpdate(Date.from(t));
        return this;
    }

    public CrlBuilder nextUpdate(Instant t) {
        this.nextUpdate = t;
        return this;
    }

    public CrlBuilder number(long n) {
        this.number = BigInteger.valueOf(n);
        return this;
    }

    /** Makes it a delta CRL on the full CRL numbered {@code base}. */
    public CrlBuilder deltaOf(long base) {
        this.deltaBase = BigInteger.valueOf(base);
        return this;
    }

    /**
     * Makes it an indirect CRL (issuingDistributionPoint with indirectCRL): its entries are the CRL
     * issuer's until one {@link #revokeOf names another CA}.
     */
    public CrlBuilder indirect() {
        this.indirect = true;
        return this;
    }

    /** An entry of another CA's certificate (certificateIssuer naming {@code ca}), in an indirect CRL. */
    public CrlBuilder revokeOf(CertBundle ca, BigInteger serial, Instant at, int reason) {
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            if (reason >= 0) {
                ext.addExtension(Extension.reasonCode, false, new ASN1Enumerated(reason));
            }
            ext.addExtension(
                    Extension.certificateIssuer,
                    true,
                    new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                            ca.holder().getSubject())));
            builder.addCRLEntry(serial, Date.from(at), ext.generate());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry: {@code serial} revoked at {@code at} for CRLReason {@code reason} (-1: none). */
    public CrlBuilder revoke(BigInteger serial, Instant at, int reason) {
        return revoke(serial, at, reason, null);
    }

    /** An entry with an invalidity date (may be null). */
    public CrlBuilder revoke(BigInteger serial, Instant at, int reason, Instant invalidSince) {
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            if (reason >= 0) {
                ext.addExtension(Extension.reasonCode, false, new ASN1Enumerated(reason));
            }
            if (invalidSince != null) {
                ext.addExtension(Extension.invalidityDate, false, new ASN1GeneralizedTime(Date.from(invalidSince)));
            }
            builder.addCRLEntry(serial, Date.from(at), ext.isEmpty() ? null : ext.generate());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signed CRL, DER. */
    public byte[] build() {
        try {
            builder.setNextUpdate(Date.from(nextUpdate));
            if (number != null) {
                builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
            }
            if (indirect) {
                builder.addExtension(
                        Extension.issuingDistributionPoint,
                        true,
                        new org.bouncycastle.asn1.x509.IssuingDistributionPoint(null, false, false, null, true, false));
            }
            if (deltaBase != null) {
                builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(deltaBase));
            }
            X509CRLHolder crl = builder.build(new JcaContentSignerBuilder(algorithm).build(key));
            return crl.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a CRL with " + algorithm, e);
        }
    }

    /** Writes the signed CRL (DER) to {@code file}, atomically (as a CA publishes it). */
    public Path write(Path file) {
        try {
            Path tmp = Files.write(file.resolveSibling(file.getFileName() + ".tmp"), build());
            return Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "CRL of " + issuer;
    }
}
