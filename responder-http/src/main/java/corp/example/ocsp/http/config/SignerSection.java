package corp.example.ocsp.http.config;

import corp.example.ocsp.core.signing.pkcs11.Pkcs11Key;
import corp.example.ocsp.http.config.ServerConfig.SignerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A CA's {@code signer:} setting: PEM certificate and key, a PKCS#12 file, or a PKCS#11 key (with
 * an optional certificate file), validated with one-line errors naming the setting.
 */
final class SignerSection {
    private SignerSection() {}

    /** The {@code signer} of the issuer section {@code s}. */
    static SignerConfig read(Section s) throws ConfigException {
        Section signer = s.child("signer");
        Optional<Path> pkcs12 = signer.optionalPath("pkcs12");
        Optional<Path> cert = signer.optionalPath("certificate");
        Optional<Path> key = signer.optionalPath("key");
        Optional<Pkcs11Key> pkcs11 =
                signer.has("pkcs11") ? Optional.of(pkcs11(signer.child("pkcs11"))) : Optional.empty();
        char[] password =
                signer.optionalString("password").map(String::toCharArray).orElse(null);
        signer.done();
        if (pkcs11.isPresent()) {
            if (pkcs12.isPresent() || key.isPresent()) {
                throw s.error(s.name("signer"), "give pkcs11 with an optional certificate, without key or pkcs12");
            }
            return new SignerConfig(cert, key, pkcs12, password, pkcs11);
        }
        if (pkcs12.isPresent() == (cert.isPresent() || key.isPresent())) {
            throw s.error(s.name("signer"), "give either certificate and key (PEM), pkcs12, or pkcs11");
        }
        if (pkcs12.isEmpty() && (cert.isEmpty() || key.isEmpty())) {
            throw s.error(
                    s.name(cert.isEmpty() ? "signer.certificate" : "signer.key"), "is required with a PEM signer");
        }
        return new SignerConfig(cert, key, pkcs12, password, Optional.empty());
    }

    /** {@code signer.pkcs11}: library, token, key (CKA_LABEL) or id (CKA_ID hex), pin or pinFile. */
    private static Pkcs11Key pkcs11(Section p) throws ConfigException {
        Path library = p.requiredPath("library");
        String token = p.requiredString("token");
        Optional<String> keyLabel = p.optionalString("key");
        Optional<String> idHex = p.optionalString("id");
        Optional<String> pin = p.optionalString("pin");
        Optional<Path> pinFile = p.optionalPath("pinFile");
        p.done();
        if (keyLabel.isPresent() == idHex.isPresent()) {
            throw p.error(p.name("key"), "give the key's label (key) or its CKA_ID (id), one of them");
        }
        Optional<byte[]> id;
        try {
            id = idHex.map(h -> HexFormat.of().parseHex(h.replace(":", "")));
        } catch (IllegalArgumentException e) {
            throw p.error(p.name("id"), "'" + idHex.get() + "' is not hex (the CKA_ID, e.g. '02'; quote it)");
        }
        if (pin.isPresent() == pinFile.isPresent()) {
            throw p.error(p.name("pin"), "give the user PIN (pin, e.g. '${OCSP_HSM_PIN}') or a pinFile, one of them");
        }
        char[] secret = pin.isPresent() ? pin.get().toCharArray() : readPin(p, pinFile.get());
        return new Pkcs11Key(library, token, keyLabel, id, secret);
    }

    private static char[] readPin(Section p, Path file) throws ConfigException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String pin = text.endsWith("\r\n")
                    ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (pin.isEmpty()) {
                throw p.error(p.name("pinFile"), file + " is empty");
            }
            return pin.toCharArray();
        } catch (IOException e) {
            throw p.error(p.name("pinFile"), "cannot read " + file + ": " + e.getMessage());
        }
    }
}
