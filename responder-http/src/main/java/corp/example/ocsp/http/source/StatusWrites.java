package corp.example.ocsp.http.source;

import corp.example.ocsp.core.status.RevocationReason;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The admin commands' writes to a source that is the record. Each returns the line the command
 * prints; each is all or nothing, and fails with one line naming what is wrong.
 */
public interface StatusWrites {

    /**
     * Creates or upgrades the source's schema, telling {@code progress} (migrations applied, of those
     * pending); returns e.g. "schema is up to date at URL".
     */
    String migrate(Progress progress);

    /** Registers the CA of {@code caCertificate} as {@code label}; returns "issuer LABEL: SUBJECT". */
    String registerIssuer(String label, X509CertificateHolder caCertificate);

    /** Records certificates as issued by the CA labelled {@code label}; returns "N added, ...". */
    String addCertificates(String label, List<X509CertificateHolder> certificates);

    /**
     * Imports an OpenSSL {@code index.txt} for the CA labelled {@code label}, telling {@code
     * progress} (done, total) as lines are written; returns "N added, ...".
     */
    String importIndexTxt(String label, Path indexTxt, Progress progress);

    /** How far a long write is. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (done, total) -> {};

        /** {@code done} of {@code total} items written so far; called from the writing thread. */
        void at(long done, long total);
    }

    /** Revokes; returns what is now recorded. {@code at} defaults to now. */
    String revoke(
            String label,
            BigInteger serial,
            RevocationReason reason,
            Optional<Instant> at,
            Optional<Instant> invalidSince);

    /** Releases from certificateHold; returns what is now recorded. */
    String unrevoke(String label, BigInteger serial);

    /**
     * The audit trail of these writes, one line per write (when, what, who, outcome), oldest first:
     * since {@code since} if given, of {@code serial} (of any CA) only if given.
     */
    List<String> auditTrail(Optional<Instant> since, Optional<BigInteger> serial);
}
