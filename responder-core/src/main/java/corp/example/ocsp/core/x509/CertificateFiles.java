package corp.example.ocsp.core.x509;

import corp.example.ocsp.core.x509.CertificateFileException.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads certificate files: PEM bundles (the {@code CERTIFICATE} blocks, in order; other blocks
 * and text between blocks are skipped) and, where a caller accepts it, a single DER certificate.
 * The one reader of certificate files in the project; callers word the failure themselves from
 * the {@link CertificateFileException}'s {@link Problem}.
 */
public final class CertificateFiles {
    private static final byte DER_SEQUENCE = 0x30;

    private CertificateFiles() {}

    /** Every certificate in the PEM file {@code file}, in order; at least one. */
    public static List<X509CertificateHolder> readPem(Path file) throws CertificateFileException {
        return certificates(file, pem(file, read(file)));
    }

    /**
     * Every certificate in {@code file}, in order; at least one: a PEM bundle, or a single DER
     * certificate (a file whose first byte is a SEQUENCE tag).
     */
    public static List<X509CertificateHolder> readPemOrDer(Path file) throws CertificateFileException {
        byte[] bytes = read(file);
        if (bytes.length > 0 && bytes[0] == DER_SEQUENCE) {
            try {
                return List.of(new X509CertificateHolder(bytes));
            } catch (IOException | RuntimeException e) {
                throw new CertificateFileException(file, Problem.NOT_DER, 0, e.getMessage(), e);
            }
        }
        return certificates(file, pem(file, bytes));
    }

    /**
     * Every block of the PEM file {@code file} as Bouncy Castle's {@link PEMParser} reads it
     * (certificates, keys, encrypted keys...), in order; possibly none.
     */
    public static List<Object> pemObjects(Path file) throws CertificateFileException {
        return pem(file, read(file));
    }

    private static byte[] read(Path file) throws CertificateFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(file, Problem.NO_SUCH_FILE, 0, e.getMessage(), e);
        } catch (IOException e) {
            throw new CertificateFileException(file, Problem.UNREADABLE, 0, e.getMessage(), e);
        }
    }

    private static List<Object> pem(Path file, byte[] bytes) throws CertificateFileException {
        List<Object> objects = new ArrayList<>();
        int certificates = 0;
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
                if (o instanceof X509CertificateHolder) {
                    certificates++;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateFileException(file, Problem.MALFORMED_PEM, certificates, e.getMessage(), e);
        }
        return objects;
    }

    private static List<X509CertificateHolder> certificates(Path file, List<Object> objects)
            throws CertificateFileException {
        List<X509CertificateHolder> out = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof X509CertificateHolder cert) {
                out.add(cert);
            }
        }
        if (out.isEmpty()) {
            throw new CertificateFileException(file, Problem.NO_CERTIFICATE, 0, null, null);
        }
        return out;
    }
}
