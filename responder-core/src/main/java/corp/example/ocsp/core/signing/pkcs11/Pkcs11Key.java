package corp.example.ocsp.core.signing.pkcs11;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A signing key on a PKCS#11 token: the module library, the token by its label, the private key by
 * its CKA_LABEL or its CKA_ID, and the user PIN.
 *
 * @param library the module, e.g. /usr/lib/softhsm/libsofthsm2.so
 * @param token   the token's label (resolved to its slot at every load: slot ids change)
 * @param label   the key's CKA_LABEL, or empty with {@code id}
 * @param id      the key's CKA_ID, or empty with {@code label}
 * @param pin     the user PIN
 */
public record Pkcs11Key(Path library, String token, Optional<String> label, Optional<byte[]> id, char[] pin) {
    public Pkcs11Key {
        if (label.isPresent() == id.isPresent()) {
            throw new IllegalArgumentException("give the key's label or its id, not both or neither");
        }
    }

    /** "label 'responder'" or "id 02", for messages. */
    public String describeKey() {
        return label.map(l -> "label '" + l + "'")
                .orElseGet(() -> "id " + HexFormat.of().formatHex(id.orElseThrow()));
    }

    /** "PKCS#11 token 'ocsp' key label 'responder'", for messages. */
    public String describe() {
        return "PKCS#11 token '" + token + "' key " + describeKey();
    }

    @Override
    public String toString() {
        return describe() + " (" + library + ")";
    }
}
