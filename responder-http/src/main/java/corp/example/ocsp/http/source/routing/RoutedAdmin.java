package corp.example.ocsp.http.source.routing;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.http.source.WritesRefusedException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The admin commands across the sources: each CA's reads from its own source (else the shared
 * one); writes go to the shared source, except those naming a CA with its own source, which that
 * source refuses (naming its own tool, such as {@code openssl ca -revoke}).
 */
final class RoutedAdmin implements SourceAdmin {
    private final Optional<SourceAdmin> shared;
    private final Map<Issuer, OpenSource> own;
    private final Runnable onClose;

    RoutedAdmin(Optional<SourceAdmin> shared, Map<Issuer, OpenSource> own, Runnable onClose) {
        this.shared = shared;
        this.own = own;
        this.onClose = onClose;
    }

    @Override
    public String where() {
        List<String> parts = new ArrayList<>();
        shared.ifPresent(s -> parts.add(s.where()));
        own.values().forEach(s -> parts.add(s.admin().where()));
        return String.join(", ", parts);
    }

    @Override
    public List<HeldIssuer> issuers() {
        List<HeldIssuer> out = new ArrayList<>();
        shared.ifPresent(s ->
                s.issuers().stream().filter(h -> !own.containsKey(h.issuer())).forEach(out::add));
        own.values().forEach(s -> out.addAll(s.admin().issuers()));
        return out;
    }

    @Override
    public List<String> unaccounted() {
        return shared.map(SourceAdmin::unaccounted).orElse(List.of());
    }

    @Override
    public Optional<String> describe(String issuerLabel, BigInteger serial) {
        Optional<SourceAdmin> o = ownAdmin(issuerLabel);
        if (o.isPresent()) {
            return o.get().describe(issuerLabel, serial);
        }
        return shared.orElseThrow(() -> new IllegalArgumentException("no configured CA is labelled '" + issuerLabel
                        + "' (configured: "
                        + own.keySet().stream().map(Issuer::label).collect(Collectors.joining(", "))
                        + ")"))
                .describe(issuerLabel, serial);
    }

    private Optional<SourceAdmin> ownAdmin(String label) {
        return own.entrySet().stream()
                .filter(e -> e.getKey().label().equals(label))
                .map(e -> e.getValue().admin())
                .findFirst();
    }

    /**
     * The shared source's writes, those naming a CA with its own source refused by that source; with
     * no shared source, every write is refused (naming the CA's own tool when it names a CA).
     */
    @Override
    public StatusWrites writes() {
        return new GuardedWrites(shared.map(SourceAdmin::writes));
    }

    private WritesRefusedException noDatabase() {
        return new WritesRefusedException("every CA of this configuration keeps its own records ("
                + own.keySet().stream().map(Issuer::label).collect(Collectors.joining(", "))
                + "); there is no database to write to");
    }

    /** The shared source's writes, refused (by that source) for a CA with its own source. */
    private final class GuardedWrites implements StatusWrites {
        private final Optional<StatusWrites> writes;

        GuardedWrites(Optional<StatusWrites> writes) {
            this.writes = writes;
        }

        private StatusWrites shared() {
            return writes.orElseThrow(RoutedAdmin.this::noDatabase);
        }

        private StatusWrites of(String label) {
            Optional<SourceAdmin> o = ownAdmin(label);
            return o.isPresent() ? o.get().writes() : shared();
        }

        @Override
        public String migrate(Progress progress) {
            return shared().migrate(progress);
        }

        @Override
        public String registerIssuer(String label, X509CertificateHolder caCertificate) {
            return of(label).registerIssuer(label, caCertificate);
        }

        @Override
        public String addCertificates(String label, List<X509CertificateHolder> certificates) {
            return of(label).addCertificates(label, certificates);
        }

        @Override
        public String importIndexTxt(String label, Path indexTxt, Progress progress) {
            return of(label).importIndexTxt(label, indexTxt, progress);
        }

        @Override
        public String revoke(
                String label,
                BigInteger serial,
                RevocationReason reason,
                Optional<Instant> at,
                Optional<Instant> invalidSince) {
            return of(label).revoke(label, serial, reason, at, invalidSince);
        }

        @Override
        public String unrevoke(String label, BigInteger serial) {
            return of(label).unrevoke(label, serial);
        }

        @Override
        public List<String> auditTrail(Optional<Instant> since, Optional<BigInteger> serial) {
            return shared().auditTrail(since, serial);
        }
    }

    @Override
    public void close() {
        shared.ifPresent(SourceAdmin::close);
        onClose.run();
    }
}
