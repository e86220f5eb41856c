package corp.example.ocsp.http.source.routing;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.SignerFiles;
import corp.example.ocsp.http.source.IssuerSourceSettings;
import corp.example.ocsp.http.source.OpenSource;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.SourceSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The sources of a configuration in which some CAs keep their own records: the shared section's,
 * if given, and one per such CA.
 *
 * @param shared the {@code database:} (or other) section, empty when every CA has its own source
 * @param own the CAs with a source of their own, in configuration order
 */
public record RoutedSettings(Optional<SourceSettings> shared, List<OwnSource> own) implements SourceSettings {

    /** A CA, by its label and certificate file, with its own source. */
    public record OwnSource(String label, Path certificate, IssuerSourceSettings settings) {
        @Override
        public String toString() {
            return "CA " + label + ": " + settings;
        }
    }

    public RoutedSettings {
        own = List.copyOf(own);
    }

    @Override
    public String section() {
        return shared.map(s -> s.section() + ", ").orElse("")
                + own.stream().map(o -> o.settings().setting()).distinct().collect(Collectors.joining(", "));
    }

    /** Opens the shared source, then each CA's own (reading its CA certificate again to know it). */
    @Override
    public OpenSource open() throws Exception {
        Optional<OpenSource> s = shared.isPresent() ? Optional.of(shared.get().open()) : Optional.empty();
        try {
            return new RoutedSource(s, openOwn());
        } catch (Exception | Error e) {
            s.ifPresent(OpenSource::close);
            throw e;
        }
    }

    /** Each CA's own source, opened; a CA configured twice (in two responders) is opened once. */
    private Map<Issuer, OpenSource> openOwn() throws Exception {
        Map<Issuer, OpenSource> byIssuer = new LinkedHashMap<>();
        try {
            for (OwnSource o : own) {
                Issuer issuer = Issuer.of(
                        o.label(), SignerFiles.readCertificates(o.certificate()).get(0));
                if (!byIssuer.containsKey(issuer)) {
                    byIssuer.put(issuer, o.settings().open(issuer));
                }
            }
            return byIssuer;
        } catch (Exception | Error e) {
            byIssuer.values().forEach(OpenSource::close);
            throw e;
        }
    }

    @Override
    public SourceAdmin openAdmin() throws Exception {
        return openAdmin(List::of);
    }

    /**
     * The admin commands on every source: the shared one connected as its kind connects the admin
     * commands (never starting an embedded backend) and told the configured CAs; each CA's own opened.
     */
    @Override
    public SourceAdmin openAdmin(Supplier<List<Issuer>> configured) throws Exception {
        Map<Issuer, OpenSource> ownSources = openOwn();
        try {
            Optional<SourceAdmin> sharedAdmin =
                    shared.isPresent() ? Optional.of(shared.get().openAdmin(configured)) : Optional.empty();
            return new RoutedAdmin(
                    sharedAdmin, ownSources, () -> ownSources.values().forEach(OpenSource::close));
        } catch (Exception | Error e) {
            ownSources.values().forEach(OpenSource::close);
            throw e;
        }
    }

    @Override
    public String toString() {
        return shared.map(s -> s + "; ").orElse("")
                + own.stream().map(OwnSource::toString).collect(Collectors.joining("; "));
    }
}
