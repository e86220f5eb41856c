package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.store.openssl.indextxt.IndexEntry;
import corp.example.ocsp.store.openssl.indextxt.IndexTxt;
import corp.example.ocsp.store.openssl.indextxt.IndexTxtException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of the command line (and of a CA that writes through Java): register issuers, add
 * certificates, revoke, release from hold, import OpenSSL's {@code index.txt}.
 *
 * <p>Every method is one transaction: it commits all it does or, on a {@link StoreException}
 * naming what is wrong (unknown issuer label, malformed serial, certificate not issued by the
 * issuer, unknown serial, bad index.txt line), nothing. Changes reach responders through the change
 * feed. Needs a role with INSERT, UPDATE and DELETE on the store's tables ({@code ocsp_admin} in
 * the module README). Thread-safe.
 */
public final class StoreAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAdmin.class);
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final DataSource pool;
    private final IssuerDirectory issuers;
    private final CertificateWriter writer;
    private final Revocations revocations;

    StoreAdmin(DataSource pool, IssuerDirectory issuers) {
        this.pool = pool;
        this.issuers = issuers;
        this.writer = new CertificateWriter(issuers);
        this.revocations = new Revocations(pool, issuers);
    }

    /** Certificates from a PEM bundle or a DER file, for {@link #addCertificates}. */
    public static List<X509CertificateHolder> readCertificates(Path file) {
        return CertificateWriter.read(file);
    }

    /**
     * Registers the CA of {@code caCertificate} as {@code label}. Registering the same CA under the
     * same label again does nothing.
     *
     * @throws StoreException if the label is taken by another CA, the CA is registered under another
     *     label, the label is not 1–64 letters, digits, '.', '_' or '-', or the certificate is not a CA's
     */
    public IssuerRecord registerIssuer(String label, X509CertificateHolder caCertificate) {
        AuditTrail.Entry audit = new AuditTrail.Entry(
                "issuer add", label, null, caCertificate.getSubject().toString());
        return AuditTrail.audited(pool, audit, () -> register(label, caCertificate, audit));
    }

    private IssuerRecord register(String label, X509CertificateHolder caCertificate, AuditTrail.Entry audit) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new StoreException("issuer label '" + label + "': use 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(caCertificate.getExtensions());
        if (caCertificate.getExtensions() != null
                && caCertificate.getExtension(Extension.basicConstraints) != null
                && (bc == null || !bc.isCA())) {
            throw new StoreException("issuer " + label + ": " + caCertificate.getSubject()
                    + " is not a CA certificate (basicConstraints cA is false)");
        }
        Issuer issuer = Issuer.of(label, caCertificate);
        return Transactions.run(pool, "cannot register issuer " + label, c -> {
            Optional<IssuerDirectory.Row> byLabel = issuers.byLabel(label, c);
            if (byLabel.isPresent()) {
                if (byLabel.get().issuer().equals(issuer)) {
                    AuditTrail.append(c, audit.withDetail("(already registered)"));
                    return record(c, byLabel.get());
                }
                throw new StoreException("issuer label '" + label + "' is already registered for another CA, "
                        + byLabel.get().issuer().certificate().getSubject());
            }
            Optional<Long> existing = issuers.idOf(issuer, c);
            if (existing.isPresent()) {
                throw new StoreException("CA " + caCertificate.getSubject() + " is already registered as issuer '"
                        + issuers.issuer(existing.get(), c).label() + "'");
            }
            insertIssuer(c, issuer, caCertificate);
            AuditTrail.append(c, audit);
            LOG.info("issuer {} registered: {}", label, caCertificate.getSubject());
            return record(c, issuers.byLabel(label, c).orElseThrow());
        });
    }

    /**
     * Records {@code certificates} as issued (good) by the issuer labelled {@code issuerLabel}.
     * Idempotent: a certificate already recorded is left as it is (a row imported from index.txt
     * gains the certificate's DER and details).
     *
     * @throws StoreException if the label is unknown, a certificate was not issued by that CA (name
     *     or signature), or a serial is already recorded with a different certificate
     */
    public ImportResult addCertificates(String issuerLabel, Collection<X509CertificateHolder> certificates) {
        List<X509CertificateHolder> certs = List.copyOf(certificates);
        AuditTrail.Entry audit = new AuditTrail.Entry(
                "cert add", issuerLabel, certs.size() == 1 ? certs.get(0).getSerialNumber() : null, "");
        return AuditTrail.audited(
                pool,
                audit,
                () -> Transactions.run(pool, "cannot add certificates to " + issuerLabel, c -> {
                    ImportResult r = writer.add(c, issuers.requireLabel(issuerLabel, c), certs);
                    AuditTrail.append(c, audit.withDetail(r.toString()));
                    return r;
                }));
    }

    /**
     * Records a revocation of {@code serial}. A certificate on hold may be revoked again (for good);
     * any other revoked certificate may not.
     *
     * @throws StoreException if the label or the serial is unknown, the certificate is already
     *     revoked, the time is in the future, or the invalidity date is after the revocation time
     */
    public CertificateRecord revoke(String issuerLabel, BigInteger serial, Revocation revocation) {
        AuditTrail.Entry audit = new AuditTrail.Entry(
                "revoke",
                issuerLabel,
                serial,
                revocation.reason().map(RevocationReason::label).orElse("no reason"));
        return AuditTrail.audited(pool, audit, () -> revocations.revoke(issuerLabel, serial, revocation, audit));
    }

    /**
     * Releases {@code serial} from hold: it becomes good again. Only a certificateHold revocation
     * can be undone; every other revocation is permanent.
     *
     * @throws StoreException if the label or serial is unknown, the certificate is not revoked, or
     *     it is revoked for a reason other than certificateHold
     */
    public CertificateRecord unrevoke(String issuerLabel, BigInteger serial) {
        AuditTrail.Entry audit = new AuditTrail.Entry("unrevoke", issuerLabel, serial, "");
        return AuditTrail.audited(pool, audit, () -> revocations.unrevoke(issuerLabel, serial, audit));
    }

    /** Imports OpenSSL's {@code index.txt} for the issuer labelled {@code issuerLabel}; see {@link #importIndexTxt(String, Reader, String)}. */
    public ImportResult importIndexTxt(String issuerLabel, Path indexTxt) {
        return importIndexTxt(issuerLabel, indexTxt, ImportProgress.NONE);
    }

    /** As {@link #importIndexTxt(String, Path)}, telling {@code progress} how many lines are written. */
    public ImportResult importIndexTxt(String issuerLabel, Path indexTxt, ImportProgress progress) {
        AuditTrail.Entry audit = new AuditTrail.Entry("cert import", issuerLabel, null, indexTxt.toString());
        long total = parsed(() -> IndexTxt.count(indexTxt));
        return AuditTrail.audited(
                pool,
                audit,
                () -> importEntries(
                        issuerLabel,
                        action -> {
                            try (Reader r = Files.newBufferedReader(indexTxt, StandardCharsets.UTF_8)) {
                                parsed(() -> {
                                    IndexTxt.stream(r, indexTxt.toString(), action);
                                    return null;
                                });
                            } catch (IOException e) {
                                throw new StoreException("cannot read " + indexTxt + ": " + e.getMessage(), e);
                            }
                        },
                        total,
                        indexTxt.toString(),
                        audit,
                        progress));
    }

    /**
     * Imports an OpenSSL CA database: new serials are added, changed ones updated (a V line
     * releases a certificate from hold; it never undoes another revocation, see {@link
     * ImportResult#keptRevoked()}). The file is streamed into the database with COPY as it is read
     * (none of it held in memory), in one transaction: a bad line, or a serial on two lines, writes
     * nothing.
     *
     * @throws StoreException {@code "<source> line <n>: ..."} for a malformed line, or an unknown label
     */
    public ImportResult importIndexTxt(String issuerLabel, Reader indexTxt, String source) {
        AuditTrail.Entry audit = new AuditTrail.Entry("cert import", issuerLabel, null, source);
        return AuditTrail.audited(
                pool,
                audit,
                () -> importEntries(
                        issuerLabel,
                        action -> parsed(() -> {
                            IndexTxt.stream(indexTxt, source, action);
                            return null;
                        }),
                        -1,
                        source,
                        audit,
                        ImportProgress.NONE));
    }

    /** The audit trail, oldest first: since {@code since} if given, of {@code serial} only if given. */
    public List<AuditRecord> auditTrail(Optional<Instant> since, Optional<BigInteger> serial) {
        return Transactions.run(pool, "cannot read the audit trail", c -> AuditTrail.list(c, since, serial));
    }

    /** The parser's one-line message, as the store's exception. */
    private static <T> T parsed(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IndexTxtException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    private ImportResult importEntries(
            String issuerLabel,
            Consumer<Consumer<IndexEntry>> entries,
            long total,
            String source,
            AuditTrail.Entry audit,
            ImportProgress progress) {
        long t0 = System.nanoTime();
        ImportResult result = Transactions.run(pool, "cannot import " + source + " into " + issuerLabel, c -> {
            try {
                ImportResult r =
                        writer.importIndex(c, issuers.requireLabel(issuerLabel, c), entries, total, source, progress);
                AuditTrail.append(c, audit.withDetail(r.toString()));
                return r;
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), e);
            }
        });
        LOG.info(
                "issuer {}: imported {} in {} ms: {}",
                issuerLabel,
                source,
                (System.nanoTime() - t0) / 1_000_000,
                result);
        return result;
    }

    /**
     * Forgets deletion records older than {@code age}; responders down for longer than that miss
     * those deletions (a response store catching up from an older watermark serves a deleted
     * certificate's last answer until its nextUpdate).
     */
    public int pruneDeletions(Duration age) {
        return Transactions.run(pool, "cannot prune deletions", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM certificate_deletions WHERE deleted_at < now() - ?::interval")) {
                ps.setString(1, age.toSeconds() + " seconds");
                return ps.executeUpdate();
            }
        });
    }

    private static void insertIssuer(Connection c, Issuer issuer, X509CertificateHolder cert) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO issuers (label, certificate, subject,"
                + " sha1_name_hash, sha1_key_hash, sha256_name_hash, sha256_key_hash,"
                + " sha384_name_hash, sha384_key_hash, sha512_name_hash, sha512_key_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, issuer.label());
            try {
                ps.setBytes(2, cert.getEncoded());
            } catch (IOException e) {
                throw new StoreException("issuer " + issuer.label() + ": cannot encode the CA certificate", e);
            }
            ps.setBytes(3, issuer.subjectDer());
            int i = 4;
            for (HashAlgorithm a :
                    List.of(HashAlgorithm.SHA1, HashAlgorithm.SHA256, HashAlgorithm.SHA384, HashAlgorithm.SHA512)) {
                ps.setBytes(i++, issuer.nameHash(a));
                ps.setBytes(i++, issuer.keyHash(a));
            }
            ps.executeUpdate();
        }
    }

    private static IssuerRecord record(Connection c, IssuerDirectory.Row row) throws SQLException {
        return new IssuerRecord(row.issuer(), row.createdAt(), Lookups.count(c, row.id()));
    }
}
