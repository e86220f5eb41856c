package corp.example.ocsp.http.demo;

import corp.example.ocsp.core.x509.BouncyCastle;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes the demo PKI: {@code root-ca} (P-521), {@code issuing-ca} (P-521, signed by the root),
 * {@code responder} (delegated OCSP signer, P-256), and the leaves {@code good}, {@code revoked},
 * {@code unknown}, {@code server} (serverAuth for localhost and 127.0.0.1) and {@code client}
 * (clientAuth, O=Big Partner Foo SA), each as {@code NAME.pem} with an unencrypted PKCS#8
 * {@code NAME.key} (demo only). Every leaf's AIA OCSP URL is {@code http://127.0.0.1:PORT}.
 */
public final class DemoPki {
    /** The leaves the demo registers as issued (unknown.pem is left out on purpose). */
    public static final List<String> REGISTERED_LEAVES = List.of("good", "revoked", "server", "client");

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(X509CertificateHolder cert, KeyPair key) {}

    private DemoPki() {}

    /** Creates the PKI in {@code dir} unless root-ca.pem is already there. Returns true if it wrote it. */
    public static boolean ensure(Path dir, int port) throws IOException {
        if (Files.exists(dir.resolve("root-ca.pem"))) {
            return false;
        }
        Files.createDirectories(dir);
        String ocspUrl = "http://127.0.0.1:" + port;
        try {
            Instant now = Instant.now();
            Issued issuing = writeCas(dir, now, ocspUrl);
            Issued responder = issue(
                    issuing,
                    "CN=Demo OCSP Responder,O=Demo PKI",
                    ec("secp256r1"),
                    now,
                    Duration.ofDays(365),
                    ocspSigner(),
                    null);
            write(dir, "responder", responder);
            for (String name : new String[] {"good", "revoked", "unknown"}) {
                String host = name + ".demo.example";
                writeLeaf(
                        dir,
                        name,
                        issuing,
                        "CN=" + host + ",O=Demo PKI",
                        leaf(KeyPurposeId.id_kp_serverAuth, host),
                        now,
                        ocspUrl);
            }
            writeLeaf(
                    dir,
                    "server",
                    issuing,
                    "CN=localhost,O=Demo PKI",
                    leaf(KeyPurposeId.id_kp_serverAuth, "localhost"),
                    now,
                    ocspUrl);
            writeLeaf(
                    dir,
                    "client",
                    issuing,
                    "CN=Big Partner Foo Client,O=Big Partner Foo SA",
                    leaf(KeyPurposeId.id_kp_clientAuth, null),
                    now,
                    ocspUrl);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create the demo PKI: " + e.getMessage(), e);
        }
        return true;
    }

    /** Writes the root and the issuing CA (whose AIA points at the root's responder); returns the issuing CA. */
    private static Issued writeCas(Path dir, Instant now, String ocspUrl)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Issued root =
                issue(null, "CN=Demo Root CA,O=Demo PKI", ec("secp521r1"), now, Duration.ofDays(3650), ca(1), null);
        Issued issuing = issue(
                root,
                "CN=Demo Issuing CA,O=Demo PKI",
                ec("secp521r1"),
                now,
                Duration.ofDays(1825),
                ca(0),
                ocspUrl + "/root/");
        write(dir, "root-ca", root);
        write(dir, "issuing-ca", issuing);
        return issuing;
    }

    /** Writes a 90-day P-256 leaf of {@code issuing} as {@code name}. */
    private static void writeLeaf(
            Path dir, String name, Issued issuing, String subject, Profile profile, Instant now, String ocspUrl)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        write(dir, name, issue(issuing, subject, ec("secp256r1"), now, Duration.ofDays(90), profile, ocspUrl));
    }

    /** Extensions to add, given the subject's and issuer's keys. */
    private interface Profile {
        void apply(X509v3CertificateBuilder b, KeyPair subject, Issued issuer)
                throws IOException, GeneralSecurityException;
    }

    private static Profile ca(int pathLen) {
        return (b, subject, issuer) -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLen));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        };
    }

    private static Profile ocspSigner() {
        return (b, subject, issuer) -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
        };
    }

    private static Profile leaf(KeyPurposeId purpose, String dnsName) {
        return (b, subject, issuer) -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (dnsName != null) {
                ASN1Encodable[] names = dnsName.equals("localhost")
                        ? new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                        }
                        : new GeneralName[] {new GeneralName(GeneralName.dNSName, dnsName)};
                b.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        GeneralNames.getInstance(new org.bouncycastle.asn1.DERSequence(names)));
            }
        };
    }

    private static Issued issue(
            Issued issuer, String subject, KeyPair key, Instant now, Duration validity, Profile profile, String ocspUrl)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name(subject);
        X500Name issuerName = issuer == null ? name : issuer.cert().getSubject();
        KeyPair signer = issuer == null ? key : issuer.key();
        BigInteger serial = new BigInteger(127, RANDOM).setBit(120);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                issuerName,
                serial,
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(validity)),
                name,
                key.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key.getPublic()));
        if (issuer != null) {
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(issuer.key().getPublic()));
        }
        if (ocspUrl != null) {
            b.addExtension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(new AccessDescription(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
        }
        profile.apply(b, key, issuer);
        String algorithm = switch (((java.security.interfaces.ECPublicKey) signer.getPublic())
                .getParams()
                .getCurve()
                .getField()
                .getFieldSize()) {
            case 521 -> "SHA512withECDSA";
            case 384 -> "SHA384withECDSA";
            default -> "SHA256withECDSA";
        };
        return new Issued(
                b.build(new JcaContentSignerBuilder(algorithm)
                        .setProvider(BouncyCastle.provider())
                        .build(signer.getPrivate())),
                key);
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        g.initialize(new ECGenParameterSpec(curve), RANDOM);
        return g.generateKeyPair();
    }

    private static void write(Path dir, String name, Issued issued) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(name + ".pem"), StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(issued.cert());
        }
        Path key = dir.resolve(name + ".key");
        try (Writer w = Files.newBufferedWriter(key, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(issued.key().getPrivate(), null));
        }
        try {
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
