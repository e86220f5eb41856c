package corp.example.ocsp.core.signing.pkcs11;

import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.Failure;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.Token;
import corp.example.ocsp.core.x509.BouncyCastle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A PKCS#10 certificate request for a key on a PKCS#11 token, signed on the token: the way to get a
 * responder certificate for a key generated there ({@code pkcs11-tool --keypairgen}), which has no
 * certificate beside it and so is not listed by SunPKCS11's KeyStore. The token, login and key are
 * found as for a signer ({@link TokenSigners}), with the same one-line refusals; the signature is made
 * with the JDK's PKCS#11 wrapper on the key's handle and checked with Bouncy Castle before it is
 * returned. EC keys sign with ECDSA and the hash that fits the curve, RSA keys with SHA256withRSA.
 */
public final class TokenCsr {
    private static final long CKM_ECDSA = 0x1041;
    private static final long CKM_SHA256_RSA_PKCS = 0x40;

    private TokenCsr() {}

    /**
     * A CSR for {@code subject} carrying the token key's public key and signed by it; {@code
     * pinSource} names where the PIN came from, for the wrong-PIN message.
     */
    public static PKCS10CertificationRequest create(Pkcs11Key key, X500Name subject, String pinSource)
            throws SignerLoadException {
        Pkcs11Module module = TokenSigners.module(key.library());
        Token token = TokenSigners.token(module, key);
        TokenSigners.login(TokenSigners.provider(key.library(), token, module), key, pinSource);
        try {
            long session = module.openSession(token.slot(), false);
            try {
                TokenObjects.KeyObject found = TokenObjects.findKey(module, session, key);
                SubjectPublicKeyInfo publicKey = TokenObjects.publicKey(module, session, key, found);
                PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(subject, publicKey)
                        .build(new OnToken(module, session, found.handle(), publicKey));
                if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .setProvider(BouncyCastle.provider())
                        .build(publicKey))) {
                    throw new SignerLoadException(key.describe()
                            + ": the token's signature does not verify with the token's public key object");
                }
                return csr;
            } finally {
                module.closeSession(session);
            }
        } catch (Failure | IOException | OperatorCreationException | PKCSException e) {
            throw new SignerLoadException(key.describe() + ": cannot sign the request on the token: " + message(e), e);
        } catch (UncheckedFailure e) {
            throw new SignerLoadException(
                    key.describe() + ": cannot sign the request on the token: "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    private static String message(Exception e) {
        return e.getCause() instanceof Failure f ? f.getMessage() : e.getMessage();
    }

    /** A PKCS#11 failure inside Bouncy Castle's {@link ContentSigner}, which cannot throw it. */
    private static final class UncheckedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedFailure(Failure cause) {
            super(cause);
        }
    }

    /** Signs what Bouncy Castle writes with the key's handle, on the token. */
    private static final class OnToken implements ContentSigner {
        private final Pkcs11Module module;
        private final long session;
        private final long handle;
        private final boolean ec;
        private final String digest;
        private final AlgorithmIdentifier algorithm;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        OnToken(Pkcs11Module module, long session, long handle, SubjectPublicKeyInfo publicKey) {
            this.module = module;
            this.session = session;
            this.handle = handle;
            this.ec = publicKey.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey);
            ASN1Primitive curve = ec ? publicKey.getAlgorithm().getParameters().toASN1Primitive() : null;
            this.digest = SECObjectIdentifiers.secp384r1.equals(curve)
                    ? "SHA-384"
                    : SECObjectIdentifiers.secp521r1.equals(curve) ? "SHA-512" : "SHA-256";
            String name = ec ? digest.replace("-", "") + "withECDSA" : "SHA256withRSA";
            this.algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(name);
            if (ec && !(curve instanceof ASN1ObjectIdentifier)) {
                throw new IllegalArgumentException("EC key without a named curve");
            }
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getSignature() {
            try {
                if (!ec) {
                    return module.sign(session, CKM_SHA256_RSA_PKCS, handle, data.toByteArray());
                }
                byte[] hash = MessageDigest.getInstance(digest).digest(data.toByteArray());
                byte[] rs = module.sign(session, CKM_ECDSA, handle, hash);
                int half = rs.length / 2;
                return new DERSequence(new ASN1Integer[] {
                            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, half))),
                            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, half, rs.length)))
                        })
                        .getEncoded();
            } catch (Failure e) {
                throw new UncheckedFailure(e);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
