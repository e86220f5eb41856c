package corp.example.ocsp.store.openssl.indextxt;

import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One line of an OpenSSL {@code index.txt}.
 *
 * @param line the 1-based line number, for messages
 * @param state {@code V}, {@code R} or {@code E} as written
 * @param expires the certificate's notAfter
 * @param status {@link CertStatus#good()} for V and E lines, a {@link CertStatus.Revoked} for R
 * @param serial the serial number
 * @param file the certificate's file name ({@code unknown} when OpenSSL did not keep one)
 * @param subject the subject as OpenSSL writes it ({@code /C=DE/CN=host})
 */
public record IndexEntry(
        int line, char state, Instant expires, CertStatus status, BigInteger serial, String file, String subject) {}
