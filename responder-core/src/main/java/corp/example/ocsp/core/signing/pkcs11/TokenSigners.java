package corp.example.ocsp.core.signing.pkcs11;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignerFiles;
import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.signing.TokenSessions;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.Failure;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.login.FailedLoginException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link ResponderSigner}s whose private keys stay on a PKCS#11 token and sign through
 * SunPKCS11. Every failure is one {@link SignerLoadException} line: module missing or not loadable,
 * no token with the label (the labels found listed), wrong PIN, no key with the label or id, a key
 * type other than EC or RSA, a certificate whose public key is not the token key's; then every check
 * of a file signer (the key check signs on the token and verifies with Bouncy Castle).
 */
public final class TokenSigners {
    private static final Logger log = LoggerFactory.getLogger(TokenSigners.class);
    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();
    private static final Map<Provider, TokenSessions> SESSIONS = new ConcurrentHashMap<>();

    private TokenSigners() {}

    /**
     * The signer for {@code ca} with the token key {@code key} and the certificate in {@code
     * certificateFile}, or, when empty, the certificate on the token beside the key.
     */
    public static ResponderSigner load(Pkcs11Key key, Optional<Path> certificateFile, Issuer ca, Clock clock)
            throws SignerLoadException {
        String source = certificateFile.map(f -> f + " with ").orElse("") + key.describe();
        Pkcs11Module module = module(key.library());
        Token token = token(module, key);
        Provider provider = provider(key.library(), token, module);
        KeyStore store = login(provider, key);
        try {
            long session = module.openSession(token.slot(), false);
            try {
                TokenObjects.KeyObject found = TokenObjects.findKey(module, session, key);
                X509CertificateHolder certificate = certificateFile.isPresent()
                        ? SignerFiles.readCertificates(certificateFile.get()).get(0)
                        : TokenObjects.tokenCertificate(module, session, key, found);
                List<byte[]> beside = TokenObjects.certificatesWithId(module, session, found.id());
                if (beside.isEmpty()) {
                    TokenObjects.writeBeside(module, token, key, found, certificate);
                    beside = List.of(certificate.getEncoded());
                    store = login(provider, key); // SunPKCS11 lists the key from now on
                }
                PrivateKey privateKey = privateKey(store, beside, key);
                return ResponderSigner.onToken(
                        source, certificate, privateKey, provider, SESSIONS.get(provider), ca, clock);
            } finally {
                module.closeSession(session);
            }
        } catch (Failure | IOException e) {
            throw new SignerLoadException(key.describe() + ": " + e.getMessage(), e);
        }
    }

    static Pkcs11Module module(Path library) throws SignerLoadException {
        if (!Files.isRegularFile(library)) {
            throw new SignerLoadException(library + ": no such PKCS#11 module (pkcs11.library)");
        }
        try {
            return Pkcs11Module.load(library);
        } catch (Failure e) {
            throw new SignerLoadException(library + ": cannot load the PKCS#11 module: " + e.getMessage(), e);
        }
    }

    static Token token(Pkcs11Module module, Pkcs11Key key) throws SignerLoadException {
        List<Token> tokens;
        try {
            tokens = module.tokens();
        } catch (Failure e) {
            throw new SignerLoadException(key.library() + ": cannot list the tokens: " + e.getMessage(), e);
        }
        return tokens.stream()
                .filter(t -> t.label().equals(key.token()))
                .findFirst()
                .orElseThrow(() -> {
                    // labels sorted (slot ids are arbitrary), uninitialised tokens (no label) left out
                    List<String> labels = tokens.stream()
                            .map(Token::label)
                            .filter(l -> !l.isEmpty())
                            .sorted()
                            .map(l -> "'" + l + "'")
                            .toList();
                    return new SignerLoadException(key.library() + ": no token labelled '" + key.token()
                            + "' (tokens found: " + (labels.isEmpty() ? "none" : String.join(", ", labels)) + ")");
                });
    }

    static Provider provider(Path library, Token token, Pkcs11Module module) {
        return PROVIDERS.computeIfAbsent(library + "|" + token.slot(), k -> {
            OptionalInt signatures = token.concurrentSignatures();
            TokenSessions sessions =
                    signatures.isPresent() ? TokenSessions.limitedTo(signatures.getAsInt()) : TokenSessions.unbounded();
            Provider p = Security.getProvider("SunPKCS11")
                    .configure("--name = ocsp-" + token.label().replaceAll("[^A-Za-z0-9]", "_") + "-" + token.slot()
                            + "\nlibrary = \"" + library + "\"\nslot = " + token.slot() + "\n");
            log.info(
                    "PKCS#11 token '{}' (slot {}, {}): SunPKCS11 provider {}, {} ({}){}",
                    token.label(),
                    token.slot(),
                    library,
                    p.getName(),
                    sessions,
                    token.sessionLimit() == 0
                            ? "the token's sessions are unlimited"
                            : token.sessionLimit() < 0
                                    ? "the token does not say its session limit; the JDK assumes 32"
                                    : "the token allows " + token.sessionLimit() + " sessions",
                    module.osLocking()
                            ? ""
                            : "; the module refuses OS locking, so the JDK serialises every call to it and"
                                    + " signing does not scale with threads");
            SESSIONS.put(p, sessions);
            return p;
        });
    }

    static KeyStore login(Provider provider, Pkcs11Key key) throws SignerLoadException {
        return login(provider, key, "pkcs11.pin or pkcs11.pinFile");
    }

    /** Logs in with the key's PIN; {@code pinSource} names where the PIN came from, for a wrong one. */
    static KeyStore login(Provider provider, Pkcs11Key key, String pinSource) throws SignerLoadException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, key.pin());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            if (wrongPin(e)) {
                throw new SignerLoadException("PKCS#11 token '" + key.token() + "': wrong PIN (" + pinSource + ")", e);
            }
            throw new SignerLoadException("PKCS#11 token '" + key.token() + "': cannot log in: " + rootMessage(e), e);
        }
    }

    private static boolean wrongPin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FailedLoginException
                    || String.valueOf(t.getMessage()).contains("CKR_PIN_INCORRECT")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static PrivateKey privateKey(KeyStore store, List<byte[]> beside, Pkcs11Key key)
            throws SignerLoadException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                java.security.cert.Certificate c = store.getCertificate(alias);
                if (store.isKeyEntry(alias)
                        && c != null
                        && beside.stream().anyMatch(b -> {
                            try {
                                return Arrays.equals(b, c.getEncoded());
                            } catch (GeneralSecurityException e) {
                                return false;
                            }
                        })) {
                    Key k = store.getKey(alias, null);
                    if (k instanceof PrivateKey p) {
                        return p;
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SignerLoadException(key.describe() + ": cannot read the token's keys: " + e.getMessage(), e);
        }
        throw new SignerLoadException(key.describe() + ": SunPKCS11 does not list the key beside its certificate");
    }
}
