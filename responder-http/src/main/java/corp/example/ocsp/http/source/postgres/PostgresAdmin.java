package corp.example.ocsp.http.source.postgres;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.store.postgres.CertificateRecord;
import corp.example.ocsp.store.postgres.ImportResult;
import corp.example.ocsp.store.postgres.IssuerRecord;
import corp.example.ocsp.store.postgres.PostgresStore;
import corp.example.ocsp.store.postgres.Revocation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/** The admin commands on the PostgreSQL store, which is the record: every write is allowed. */
final class PostgresAdmin implements SourceAdmin, StatusWrites {
    private final PostgresStore store;
    private final Runnable onClose;

    PostgresAdmin(PostgresStore store, Runnable onClose) {
        this.store = store;
        this.onClose = onClose;
    }

    @Override
    public String where() {
        return store.config().safeJdbcUrl();
    }

    @Override
    public List<HeldIssuer> issuers() {
        return store.issuers().stream()
                .map(r -> new HeldIssuer(r.issuer(), r.certificates()))
                .toList();
    }

    @Override
    public Optional<String> describe(String issuerLabel, BigInteger serial) {
        return store.certificate(issuerLabel, serial).map(PostgresAdmin::describe);
    }

    @Override
    public StatusWrites writes() {
        return this;
    }

    @Override
    public String migrate(Progress progress) {
        store.migrate(progress::at);
        return "schema is up to date at " + where();
    }

    @Override
    public String registerIssuer(String label, X509CertificateHolder caCertificate) {
        IssuerRecord r = store.admin().registerIssuer(label, caCertificate);
        return "issuer " + r.label() + ": " + r.issuer().certificate().getSubject();
    }

    @Override
    public String addCertificates(String label, List<X509CertificateHolder> certificates) {
        return describe(store.admin().addCertificates(label, certificates));
    }

    @Override
    public String importIndexTxt(String label, Path indexTxt, Progress progress) {
        return describe(store.admin().importIndexTxt(label, indexTxt, progress::at));
    }

    @Override
    public String revoke(
            String label,
            BigInteger serial,
            RevocationReason reason,
            Optional<Instant> at,
            Optional<Instant> invalidSince) {
        Revocation revocation = Revocation.because(reason);
        if (at.isPresent()) {
            revocation = revocation.at(at.get());
        }
        if (invalidSince.isPresent()) {
            revocation = revocation.invalidSince(invalidSince.get());
        }
        return describe(store.admin().revoke(label, serial, revocation));
    }

    @Override
    public String unrevoke(String label, BigInteger serial) {
        return describe(store.admin().unrevoke(label, serial));
    }

    @Override
    public List<String> auditTrail(Optional<Instant> since, Optional<BigInteger> serial) {
        return store.admin().auditTrail(since, serial).stream()
                .map(Object::toString)
                .toList();
    }

    @Override
    public void close() {
        onClose.run();
    }

    private static String describe(CertificateRecord r) {
        return r.issuer().label() + " serial " + r.serialHex() + ": " + r.status()
                + r.subject().map(s -> " subject " + s).orElse("")
                + r.notAfter().map(t -> " notAfter " + t).orElse("");
    }

    private static String describe(ImportResult r) {
        return r.toString();
    }
}
