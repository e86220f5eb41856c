package corp.example.ocsp.store.postgres;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/** Reads certificates from a PEM bundle or a single DER file. */
final class CertificateFiles {
    private CertificateFiles() {
    }

    static List<X509CertificateHolder> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > 0 && bytes[0] == 0x30) {
            try {
                return List.of(new X509CertificateHolder(bytes));
            } catch (IOException | RuntimeException e) {
                throw new StoreException(file + ": not a DER X.509 certificate: " + e.getMessage(), e);
            }
        }
        List<X509CertificateHolder> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(h);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StoreException(file + ": malformed PEM after certificate " + out.size() + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new StoreException(file + ": no CERTIFICATE block in it (expected PEM or DER)");
        }
        return out;
    }
}
