package corp.example.ocsp.http.config;

import corp.example.ocsp.http.config.ServerConfig.IssuerConfig;
import corp.example.ocsp.http.config.ServerConfig.ResponderConfig;
import corp.example.ocsp.http.source.IssuerSourceKind;
import corp.example.ocsp.http.source.IssuerSourceSettings;
import corp.example.ocsp.http.source.SourceKind;
import corp.example.ocsp.http.source.SourceKinds;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.http.source.routing.RoutedSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where statuses come from: the one shared source section ({@code database:}, {@code cfssl:}),
 * needed unless every CA names a source of its own in its {@code issuers} entry ({@code index:}),
 * and those own sources, one per CA.
 */
final class SourceSections {
    private SourceSections() {}

    /** The source setting of an {@code issuers} entry, if it names one; two is an error. */
    static Optional<IssuerSourceSettings> ofIssuer(Section s) throws ConfigException {
        List<IssuerSourceKind> given =
                SourceKinds.perIssuer().stream().filter(k -> s.has(k.setting())).toList();
        if (given.size() > 1) {
            throw s.error(
                    given.stream().map(k -> s.name(k.setting())).collect(Collectors.joining(", ")),
                    "a CA has one status source: give one of "
                            + given.stream().map(IssuerSourceKind::setting).collect(Collectors.joining(", ")));
        }
        return given.isEmpty() ? Optional.empty() : Optional.of(given.get(0).read(s));
    }

    /**
     * The configuration's sources: the shared section as its kind reads it (the first kind's when
     * none is given and some CA has no source of its own, so a missing {@code database.url} is
     * named), with the CAs' own sources routed beside it.
     */
    static SourceSettings read(Section top, List<SourceKind> kinds, List<ResponderConfig> responders)
            throws ConfigException {
        List<SourceKind> given =
                kinds.stream().filter(k -> top.has(k.section())).toList();
        if (given.size() > 1) {
            throw top.error(
                    String.join(", ", given.stream().map(SourceKind::section).toList()),
                    "give one status source section, not " + given.size());
        }
        List<RoutedSettings.OwnSource> own = own(top, responders);
        boolean everyCaOwn = responders.stream()
                .flatMap(r -> r.issuers().stream())
                .allMatch(i -> i.source().isPresent());
        Optional<SourceSettings> shared = Optional.empty();
        if (!given.isEmpty() || !everyCaOwn || responders.isEmpty()) {
            SourceKind kind = given.isEmpty() ? kinds.get(0) : given.get(0);
            shared = Optional.of(kind.read(top.child(kind.section())));
        }
        return own.isEmpty() ? shared.orElseThrow() : new RoutedSettings(shared, own);
    }

    /** The CAs with their own source; a label configured twice must name the same source both times. */
    private static List<RoutedSettings.OwnSource> own(Section top, List<ResponderConfig> responders)
            throws ConfigException {
        List<RoutedSettings.OwnSource> own = new ArrayList<>();
        Map<String, String> settingOfLabel = new HashMap<>();
        Map<String, Optional<IssuerSourceSettings>> sourceOfLabel = new HashMap<>();
        for (int i = 0; i < responders.size(); i++) {
            List<IssuerConfig> issuers = responders.get(i).issuers();
            for (int j = 0; j < issuers.size(); j++) {
                IssuerConfig ic = issuers.get(j);
                String here = "responders[" + i + "].issuers[" + j + "]";
                Optional<IssuerSourceSettings> before = sourceOfLabel.putIfAbsent(ic.label(), ic.source());
                if (before != null && !before.equals(ic.source())) {
                    throw top.error(
                            here,
                            "CA '" + ic.label() + "' is configured with another status source in "
                                    + settingOfLabel.get(ic.label()) + " ("
                                    + before.map(Object::toString).orElse("the shared one")
                                    + "); a CA has one source");
                }
                settingOfLabel.putIfAbsent(ic.label(), here);
                if (before == null && ic.source().isPresent()) {
                    own.add(new RoutedSettings.OwnSource(
                            ic.label(), ic.certificate(), ic.source().get()));
                }
            }
        }
        return own;
    }
}
