package corp.example.ocsp.core.signing;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.x509.BouncyCastle;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A key and certificate that sign responses for one CA: the CA's own key, or a delegated responder
 * certificate issued by the CA with id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
 *
 * <p>Creation refuses, with a message naming {@code source} (the file it came from): a key that does
 * not match the certificate, a certificate not issued by the CA (unless it is the CA), a delegated
 * certificate without id-kp-OCSPSigning, a certificate not valid now, a key without a supported
 * algorithm. Signatures are computed by the {@link SignatureProvider} chosen at creation. Thread-safe:
 * each signing thread keeps its own {@link Signature}.
 */
public final class ResponderSigner {
    private final String source;
    private final X509CertificateHolder certificate;
    private final PrivateKey privateKey;
    private final String algorithmName;
    private final AlgorithmIdentifier algorithm;
    private final boolean delegated;
    private final byte[] keyHash;
    private final Instant notAfter;
    private final Provider provider;
    private final ThreadLocal<Signature> signatures;
    private final TokenHealth health; // null for a key in memory
    /** Running average of a signature's time with a key in memory, ns; 0 before the first. */
    private volatile long averageNanos;

    private final TokenSessions sessions;

    private ResponderSigner(
            String source,
            X509CertificateHolder certificate,
            PrivateKey privateKey,
            String algorithmName,
            boolean delegated,
            Provider provider,
            TokenSessions sessions) {
        this.source = source;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.algorithmName = algorithmName;
        this.algorithm = SignatureAlgorithms.identifier(algorithmName);
        this.delegated = delegated;
        this.notAfter = certificate.getNotAfter().toInstant(); // parsed once: it is checked on every signing
        this.provider = provider;
        this.keyHash = HashAlgorithm.SHA1.digest(
                certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        this.signatures = ThreadLocal.withInitial(this::newSignature);
        this.health = sessions == null ? null : new TokenHealth(source);
        this.sessions = sessions;
    }

    /** {@link #create(String, X509CertificateHolder, PrivateKey, Issuer, Clock, SignatureProvider)} with AUTO. */
    public static ResponderSigner create(
            String source, X509CertificateHolder certificate, PrivateKey privateKey, Issuer ca, Clock clock)
            throws SignerLoadException {
        return create(source, certificate, privateKey, ca, clock, SignatureProvider.AUTO);
    }

    /**
     * A signer for {@code ca} from a certificate and its private key, checked as of {@code clock},
     * signing with {@code provider}. {@code source} names where they came from, for error messages
     * (e.g. the PEM file).
     */
    public static ResponderSigner create(
            String source,
            X509CertificateHolder certificate,
            PrivateKey privateKey,
            Issuer ca,
            Clock clock,
            SignatureProvider provider)
            throws SignerLoadException {
        String algorithmName = SignerChecks.algorithmFor(source, certificate);
        Provider signing = SigningProviders.resolve(provider, algorithmName, source);
        PrivateKey signingKey = SigningProviders.keyFor(signing, privateKey, algorithmName, source);
        return checked(source, certificate, signingKey, algorithmName, signing, ca, clock, null);
    }

    /**
     * A signer for {@code ca} whose key stays in {@code tokenProvider} (a PKCS#11 token through
     * SunPKCS11), with every check of {@link #create}: the key check signs on the token and verifies
     * with Bouncy Castle against {@code certificate}. At most {@code sessions} signatures run on the
     * token at once (shared by every signer on the same token).
     */
    public static ResponderSigner onToken(
            String source,
            X509CertificateHolder certificate,
            PrivateKey tokenKey,
            Provider tokenProvider,
            TokenSessions sessions,
            Issuer ca,
            Clock clock)
            throws SignerLoadException {
        String algorithmName = SignerChecks.algorithmFor(source, certificate);
        if (SignatureAlgorithms.isMlDsa(algorithmName) || algorithmName.equals("Ed25519")) {
            throw new SignerLoadException(source + ": the certificate's key is " + algorithmName
                    + ", which a PKCS#11 key cannot sign for here; use an EC or RSA key");
        }
        return checked(
                source,
                certificate,
                tokenKey,
                algorithmName,
                tokenProvider,
                ca,
                clock,
                Objects.requireNonNull(sessions));
    }

    private static ResponderSigner checked(
            String source,
            X509CertificateHolder certificate,
            PrivateKey signingKey,
            String algorithmName,
            Provider signing,
            Issuer ca,
            Clock clock,
            TokenSessions sessions) // null for a key in memory
            throws SignerLoadException {
        boolean delegated = SignerChecks.check(source, certificate, signingKey, algorithmName, signing, ca, clock);
        return new ResponderSigner(source, certificate, signingKey, algorithmName, delegated, signing, sessions);
    }

    /** Converts Bouncy Castle's parsed private key to a JCA key from the Bouncy Castle provider. */
    static PrivateKey toPrivateKey(String source, PrivateKeyInfo info) throws SignerLoadException {
        try {
            return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPrivateKey(info);
        } catch (IOException e) {
            throw new SignerLoadException(source + ": unreadable private key: " + e.getMessage(), e);
        }
    }

    /** Signs {@code data} with this signer's key and {@link #algorithm()}. */
    public byte[] sign(byte[] data) {
        if (health != null) {
            return signOnToken(data);
        }
        Signature signature = signatures.get();
        try {
            long start = System.nanoTime();
            signature.update(data);
            byte[] value = signature.sign();
            long took = System.nanoTime() - start;
            averageNanos += (took - averageNanos) / 16; // racy by design: a rough running average
            return value;
        } catch (GeneralSecurityException e) {
            signatures.remove();
            throw new IllegalStateException(source + ": signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #sign}, within the token's session limit; a token that fails or stops answering, or
     * whose sessions all stay busy for {@link TokenHealth#STUCK}, gives SigningUnavailableException
     * (tryLater).
     */
    private byte[] signOnToken(byte[] data) {
        health.refuseWhileStuck(); // a stuck token holds its sessions: do not queue behind it
        if (!sessions.acquire(TokenHealth.STUCK)) {
            throw new SigningUnavailableException(
                    source + ": every session of the token (" + sessions + ") stayed busy for "
                            + TokenHealth.STUCK.toMillis() + " ms",
                    null);
        }
        try {
            long ticket = health.enter();
            try {
                Signature signature = signatures.get();
                signature.update(data);
                byte[] value = signature.sign();
                health.succeeded(ticket);
                return value;
            } catch (GeneralSecurityException | RuntimeException e) {
                signatures.remove();
                throw health.failed(ticket, e);
            }
        } finally {
            sessions.release();
        }
    }

    /**
     * True when a signature costs no more than {@code bound}, measured, and cannot block: the key is
     * in memory (never a token's, which may hang) and signatures so far took at most {@code bound}
     * on average. False until this signer has signed.
     */
    public boolean signsInMemoryWithin(Duration bound) {
        long average = averageNanos;
        return health == null && average > 0 && average <= bound.toNanos();
    }

    /** Why this signer cannot sign now (its token failed or stopped answering), or empty when it can. */
    public Optional<String> unavailableBecause() {
        return health == null ? Optional.empty() : health.problem();
    }

    /** The signature AlgorithmIdentifier, encoded as BR 7.1.3.2 lists it. */
    public AlgorithmIdentifier algorithm() {
        return algorithm;
    }

    /** The JCA name of the signature algorithm, e.g. SHA256withECDSA. */
    public String algorithmName() {
        return algorithmName;
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    /** True for a delegated responder certificate; false when the CA signs its own responses. */
    public boolean delegated() {
        return delegated;
    }

    /** SHA-1 of the signer's subjectPublicKey value: the ResponderID byKey (RFC 6960 §4.2.2.3). */
    public byte[] keyHash() {
        return keyHash.clone();
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** What computes the signatures, for logs: e.g. "AWS-LC (AmazonCorrettoCryptoProvider 2.5.0)". */
    public String providerDescription() {
        return SigningProviders.describe(provider);
    }

    /** Where the key and certificate came from, for messages. */
    public String source() {
        return source;
    }

    private Signature newSignature() {
        try {
            Signature s = Signature.getInstance(algorithmName, provider);
            if (provider == BouncyCastle.provider()) {
                // each signing thread gets its own DRBG for ECDSA's per-signature secret, so threads do
                // not queue on one shared generator (the JDK's default reads /dev/urandom under a lock)
                s.initSign(privateKey, SecureRandom.getInstance("DRBG"));
            } else {
                s.initSign(privateKey); // AWS-LC draws from its own per-thread DRBG
            }
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(source + ": cannot sign with " + algorithmName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return source + " (" + certificate.getSubject() + ", " + algorithmName
                + (delegated ? ", delegated)" : ", CA key)");
    }
}
