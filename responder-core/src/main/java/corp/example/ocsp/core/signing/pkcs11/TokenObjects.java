package corp.example.ocsp.core.signing.pkcs11;

import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_CERTIFICATE_TYPE;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_CLASS;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_EC_POINT;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_ID;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_KEY_TYPE;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_LABEL;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_MODULUS;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_SUBJECT;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_TOKEN;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKA_VALUE;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKC_X_509;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKK_EC;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKK_RSA;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKO_CERTIFICATE;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKO_PRIVATE_KEY;
import static corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.CKO_PUBLIC_KEY;

import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.Failure;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.Token;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The objects on a token that a signer needs: its private key, the certificates beside it. */
final class TokenObjects {
    private static final Logger log = LoggerFactory.getLogger(TokenObjects.class);

    private TokenObjects() {}

    /** A private key object on the token: its handle, CKA_ID and CKA_LABEL. */
    record KeyObject(long handle, byte[] id, String label) {}

    static KeyObject findKey(Pkcs11Module module, long session, Pkcs11Key key) throws Failure, SignerLoadException {
        List<Long> handles = key.label().isPresent()
                ? module.find(
                        session,
                        CKA_CLASS,
                        CKO_PRIVATE_KEY,
                        CKA_TOKEN,
                        true,
                        CKA_LABEL,
                        key.label().get())
                : module.find(
                        session,
                        CKA_CLASS,
                        CKO_PRIVATE_KEY,
                        CKA_TOKEN,
                        true,
                        CKA_ID,
                        key.id().get());
        if (handles.size() != 1) {
            List<String> all = new ArrayList<>();
            for (long h : module.find(session, CKA_CLASS, CKO_PRIVATE_KEY, CKA_TOKEN, true)) {
                KeyObject k = keyObject(module, session, h);
                all.add("label '" + k.label() + "' id " + HexFormat.of().formatHex(k.id()));
            }
            throw new SignerLoadException(key.describe() + ": "
                    + (handles.isEmpty() ? "no private key with that " : "more than one private key with that ")
                    + (key.label().isPresent() ? "label" : "id") + " on the token (private keys there: "
                    + (all.isEmpty() ? "none" : String.join(", ", all)) + ")");
        }
        KeyObject found = keyObject(module, session, handles.get(0));
        long type = (Long) module.attribute(session, found.handle(), CKA_KEY_TYPE);
        if (type != CKK_EC && type != CKK_RSA) {
            throw new SignerLoadException(key.describe() + ": key type 0x" + Long.toHexString(type)
                    + " (CKA_KEY_TYPE) is not usable; use an EC (P-256, P-384, P-521) or RSA (2048 bits or more) key");
        }
        return found;
    }

    private static KeyObject keyObject(Pkcs11Module module, long session, long handle) throws Failure {
        Object id = module.attribute(session, handle, CKA_ID);
        Object label = module.attribute(session, handle, CKA_LABEL);
        return new KeyObject(
                handle, id == null ? new byte[0] : (byte[]) id, label == null ? "" : new String((char[]) label));
    }

    static List<byte[]> certificatesWithId(Pkcs11Module module, long session, byte[] id) throws Failure {
        List<byte[]> out = new ArrayList<>();
        for (long h : module.find(session, CKA_CLASS, CKO_CERTIFICATE, CKA_TOKEN, true, CKA_ID, id)) {
            out.add((byte[]) module.attribute(session, h, CKA_VALUE));
        }
        return out;
    }

    static X509CertificateHolder tokenCertificate(Pkcs11Module module, long session, Pkcs11Key key, KeyObject found)
            throws Failure, SignerLoadException, IOException {
        List<byte[]> beside = certificatesWithId(module, session, found.id());
        if (beside.isEmpty()) {
            throw new SignerLoadException(key.describe() + ": no certificate on the token beside the key (CKA_ID "
                    + HexFormat.of().formatHex(found.id())
                    + "); give signer.certificate, the responder certificate file");
        }
        return new X509CertificateHolder(beside.get(0));
    }

    /**
     * Writes {@code certificate} onto the token with the key's CKA_ID and CKA_LABEL, once its public
     * key is checked to be the token key's (the token's public key object), so SunPKCS11 lists it.
     */
    static void writeBeside(
            Pkcs11Module module, Token token, Pkcs11Key key, KeyObject found, X509CertificateHolder certificate)
            throws Failure, SignerLoadException, IOException {
        long session = module.openSession(token.slot(), true);
        try {
            List<Long> publicKeys =
                    module.find(session, CKA_CLASS, CKO_PUBLIC_KEY, CKA_TOKEN, true, CKA_ID, found.id());
            if (publicKeys.isEmpty()) {
                throw new SignerLoadException(key.describe() + ": no certificate and no public key on the token beside"
                        + " the key, so the certificate cannot be checked against it; write the certificate onto the"
                        + " token with the key's CKA_ID (pkcs11-tool --write-object CERT.der --type cert --id "
                        + HexFormat.of().formatHex(found.id()) + ")");
            }
            if (!samePublicKey(module, session, publicKeys.get(0), certificate)) {
                throw new SignerLoadException(key.describe() + ": the certificate's public key ("
                        + certificate.getSubject() + ") is not the token key's");
            }
            module.create(
                    session,
                    CKA_CLASS,
                    CKO_CERTIFICATE,
                    CKA_CERTIFICATE_TYPE,
                    CKC_X_509,
                    CKA_TOKEN,
                    true,
                    CKA_ID,
                    found.id(),
                    CKA_LABEL,
                    found.label().toCharArray(),
                    CKA_SUBJECT,
                    certificate.getSubject().getEncoded(),
                    CKA_VALUE,
                    certificate.getEncoded());
            log.info(
                    "{}: wrote certificate {} onto the token beside the key (CKA_ID {}), as SunPKCS11 needs",
                    key.describe(),
                    certificate.getSubject(),
                    HexFormat.of().formatHex(found.id()));
        } finally {
            module.closeSession(session);
        }
    }

    private static boolean samePublicKey(
            Pkcs11Module module, long session, long publicKey, X509CertificateHolder certificate)
            throws Failure, IOException {
        byte[] certKey =
                certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        long type = (Long) module.attribute(session, publicKey, CKA_KEY_TYPE);
        if (type == CKK_EC) {
            byte[] point = (byte[]) module.attribute(session, publicKey, CKA_EC_POINT);
            byte[] raw = point.length > 0 && point[0] == 0x04 && point.length != certKey.length
                    ? ASN1OctetString.getInstance(point).getOctets()
                    : point;
            return Arrays.equals(raw, certKey);
        }
        if (type == CKK_RSA) {
            BigInteger modulus = new BigInteger(1, (byte[]) module.attribute(session, publicKey, CKA_MODULUS));
            try {
                return modulus.equals(RSAPublicKey.getInstance(certKey).getModulus());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
