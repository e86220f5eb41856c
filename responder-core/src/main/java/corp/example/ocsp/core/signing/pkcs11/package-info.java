/**
 * Responder signers whose keys stay on a PKCS#11 token (an HSM, or SoftHSM2 in tests), signing
 * through the JDK's SunPKCS11 provider: {@link corp.example.ocsp.core.signing.pkcs11.TokenSigners}
 * loads one from a {@link corp.example.ocsp.core.signing.pkcs11.Pkcs11Key}. The token is found by
 * its label and the key by CKA_LABEL or CKA_ID with the JDK's own PKCS#11 wrapper ({@code
 * Pkcs11Module}); a key with no certificate beside it on the token gets the certificate file
 * written there (same CKA_ID and label), since SunPKCS11's KeyStore lists only keys with one.
 */
package corp.example.ocsp.core.signing.pkcs11;
