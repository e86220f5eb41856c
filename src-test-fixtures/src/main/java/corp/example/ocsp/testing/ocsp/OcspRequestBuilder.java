package corp.example.ocsp.testing.ocsp;

import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.Signature;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds a DER {@code OCSPRequest} (RFC 6960 §4.1.1) of any shape, valid or not.
 *
 * <p>CertID, Request, Signature and extensions are Bouncy Castle's {@code asn1.ocsp} and
 * {@code asn1.x509} types; TBSRequest and OCSPRequest are assembled as plain sequences, because
 * Bouncy Castle's types cannot carry a version other than v1 or a repeated extension. Without a
 * {@code certId} call the requestList is empty. Request extensions are encoded in the order
 * given, the nonce first.
 *
 * <pre>{@code
 * byte[] der = OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).nonceOfLength(16).build();
 * }</pre>
 */
public final class OcspRequestBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record CertIdSpec(CertIdHash hash, byte[] nameHash, byte[] keyHash, BigInteger serial) {}

    private final List<CertIdSpec> certIds = new ArrayList<>();
    private final List<Extension> requestExtensions = new ArrayList<>();
    private final List<Extension> singleRequestExtensions = new ArrayList<>();
    private boolean hashParametersAbsent;
    private byte[] nonce;
    private boolean nonceCritical;
    private GeneralName requestorName;
    private int version;
    private CertBundle signer;

    private OcspRequestBuilder() {}

    /** An empty request: no CertID, no extensions, unsigned, version v1. */
    public static OcspRequestBuilder create() {
        return new OcspRequestBuilder();
    }

    /** Adds a CertID for {@code cert}: its issuer's certificate and its serial. */
    public OcspRequestBuilder certId(CertBundle cert, CertIdHash hash) {
        return certId(cert.issuerCertificate(), cert.serial(), hash);
    }

    /**
     * Adds a CertID as RFC 6960 §4.1.1 defines it: issuerNameHash over the DER of the issuer
     * certificate's subject name, issuerKeyHash over the value of its subjectPublicKey BIT STRING
     * (never its SKI).
     */
    public OcspRequestBuilder certId(X509Certificate issuerCert, BigInteger serial, CertIdHash hash) {
        Certificate issuer;
        try {
            issuer = Certificate.getInstance(issuerCert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the issuer certificate", e);
        }
        byte[] name = encode(issuer.getSubject());
        byte[] key = issuer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        return certIdRaw(hash, hash.digest(name), hash.digest(key), serial);
    }

    /** Adds a CertID with the given hashes as they are, of any length. */
    public OcspRequestBuilder certIdRaw(CertIdHash hash, byte[] nameHash, byte[] keyHash, BigInteger serial) {
        certIds.add(new CertIdSpec(
                Objects.requireNonNull(hash, "hash"),
                nameHash.clone(),
                keyHash.clone(),
                Objects.requireNonNull(serial, "serial")));
        return this;
    }

    /**
     * Encodes every CertID's hashAlgorithm without parameters. By default they carry an explicit
     * NULL, as {@code openssl ocsp} sends them.
     */
    public OcspRequestBuilder hashParametersAbsent() {
        this.hashParametersAbsent = true;
        return this;
    }

    /**
     * Adds the id-pkix-ocsp-nonce request extension (non-critical unless {@link #nonceCritical()})
     * whose extnValue is the DER OCTET STRING holding {@code value}, as RFC 9654 and OpenSSL
     * encode it ({@code 04 10 <16 bytes>} for 16 bytes). Replaces an earlier nonce; any length,
     * 0 included.
     */
    public OcspRequestBuilder nonce(byte[] value) {
        this.nonce = value.clone();
        return this;
    }

    /** A random nonce of {@code length} bytes (0 and over 128 included, for invalid cases). */
    public OcspRequestBuilder nonceOfLength(int length) {
        byte[] value = new byte[length];
        RANDOM.nextBytes(value);
        return nonce(value);
    }

    /** Marks the nonce extension critical. */
    public OcspRequestBuilder nonceCritical() {
        this.nonceCritical = true;
        return this;
    }

    /** The nonce the request will carry, or {@code null} when it has none. */
    public byte[] nonceValue() {
        return nonce == null ? null : nonce.clone();
    }

    /** Adds a requestExtension whose extnValue is the DER of {@code value}; repeats are kept. */
    public OcspRequestBuilder requestExtension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        requestExtensions.add(extension(oid, critical, value));
        return this;
    }

    /** Adds a singleRequestExtension, with the DER of {@code value}, to every CertID. */
    public OcspRequestBuilder singleRequestExtension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        singleRequestExtensions.add(extension(oid, critical, value));
        return this;
    }

    /** Sets the optional {@code [1] requestorName}. */
    public OcspRequestBuilder requestorName(GeneralName name) {
        this.requestorName = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Sets the version number; any value other than 0 (v1) is encoded as {@code [0] INTEGER}. */
    public OcspRequestBuilder version(int value) {
        this.version = value;
        return this;
    }

    /**
     * Signs the request with {@code signer}'s key, using its key type's signature algorithm, and
     * includes {@code signer}'s certificate in the Signature's certs. Unless
     * {@link #requestorName} was called, the requestorName becomes the signer's subject, as RFC
     * 6960 §4.1.2 requires of signed requests and {@code openssl ocsp -signer} does.
     */
    public OcspRequestBuilder signedBy(CertBundle signerBundle) {
        this.signer = Objects.requireNonNull(signerBundle, "signerBundle");
        return this;
    }

    /** The DER encoding of the request. */
    public byte[] build() {
        ASN1Sequence tbs = tbsRequest();
        ASN1EncodableVector request = new ASN1EncodableVector(2);
        request.add(tbs);
        if (signer != null) {
            request.add(new DERTaggedObject(true, 0, signature(encode(tbs))));
        }
        return encode(new DERSequence(request));
    }

    private ASN1Sequence tbsRequest() {
        ASN1EncodableVector requestList = new ASN1EncodableVector(certIds.size());
        Extensions single = extensions(singleRequestExtensions);
        for (CertIdSpec spec : certIds) {
            AlgorithmIdentifier algorithm = hashParametersAbsent
                    ? new AlgorithmIdentifier(spec.hash().oid())
                    : new AlgorithmIdentifier(spec.hash().oid(), DERNull.INSTANCE);
            CertID certId = new CertID(
                    algorithm,
                    new DEROctetString(spec.nameHash()),
                    new DEROctetString(spec.keyHash()),
                    new ASN1Integer(spec.serial()));
            requestList.add(new Request(certId, single));
        }
        List<Extension> all = new ArrayList<>();
        if (nonce != null) {
            all.add(extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, nonceCritical, new DEROctetString(nonce)));
        }
        all.addAll(requestExtensions);

        ASN1EncodableVector tbs = new ASN1EncodableVector(4);
        if (version != 0) {
            tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(version)));
        }
        GeneralName requestor = requestorName != null || signer == null
                ? requestorName
                : new GeneralName(signer.holder().getSubject());
        if (requestor != null) {
            tbs.add(new DERTaggedObject(true, 1, requestor));
        }
        tbs.add(new DERSequence(requestList));
        Extensions extensions = extensions(all);
        if (extensions != null) {
            tbs.add(new DERTaggedObject(true, 2, extensions));
        }
        return new DERSequence(tbs);
    }

    private Signature signature(byte[] tbsDer) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(
                            signer.keyType().signatureAlgorithm())
                    .setProvider(TestPki.provider())
                    .build(signer.privateKey());
            try (OutputStream out = contentSigner.getOutputStream()) {
                out.write(tbsDer);
            }
            return new Signature(
                    contentSigner.getAlgorithmIdentifier(),
                    new DERBitString(contentSigner.getSignature()),
                    new DERSequence(signer.holder().toASN1Structure()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + signer, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code der} followed by {@code extra}. */
    public static byte[] withTrailingBytes(byte[] der, byte... extra) {
        byte[] out = Arrays.copyOf(der, der.length + extra.length);
        System.arraycopy(extra, 0, out, der.length, extra.length);
        return out;
    }

    /**
     * The DER of the {@code index}-th CertID (from 0) of a request, to compare with the CertID a
     * response echoes. Bytes after the request are ignored.
     *
     * @throws IllegalArgumentException if the request cannot be read that far
     */
    public static byte[] certIdDer(byte[] requestDer, int index) {
        try (ASN1InputStream in = new ASN1InputStream(requestDer)) {
            ASN1Sequence request = ASN1Sequence.getInstance(in.readObject());
            ASN1Sequence tbs = ASN1Sequence.getInstance(request.getObjectAt(0));
            for (ASN1Encodable element : tbs) {
                if (element instanceof ASN1Sequence requestList) {
                    ASN1Sequence single = ASN1Sequence.getInstance(requestList.getObjectAt(index));
                    return encode(single.getObjectAt(0));
                }
            }
            throw new IllegalArgumentException("the request has no requestList");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read CertID " + index + " of the request", e);
        }
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        return new Extension(Objects.requireNonNull(oid, "oid"), critical, new DEROctetString(encode(value)));
    }

    private static Extensions extensions(List<Extension> list) {
        // new Extensions(Extension[]) keeps repeated OIDs, so duplicate-extension cases can be built.
        return list.isEmpty() ? null : new Extensions(list.toArray(Extension[]::new));
    }

    private static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
