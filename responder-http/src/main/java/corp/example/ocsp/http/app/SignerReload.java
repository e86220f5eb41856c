package corp.example.ocsp.http.app;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.http.app.SignerLoader.LoadedResponder;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.config.ServerConfig.IssuerConfig;
import corp.example.ocsp.http.server.AdminServer.Reloaded;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key rotation while serving (SIGHUP or the admin listener's {@code POST /reload}): reads the
 * configuration file again, loads and checks every signer it names, and gives each responder the
 * ones whose certificate or key source changed (a renewed certificate, or the same certificate's key
 * moved from a file onto a token). All or nothing: a file that fails any check changes no signer.
 * Connections are not touched; cached responses are re-signed in the background.
 */
final class SignerReload {
    private static final Logger log = LoggerFactory.getLogger(SignerReload.class);

    private final Path file;
    private final List<Responder> responders;
    private final Clock clock;
    private final SignersReplaced listener;

    /** @param listener told of each responder's CAs whose signer changed (the cache re-signs them) */
    SignerReload(Path file, List<Responder> responders, Clock clock, SignersReplaced listener) {
        this.file = file;
        this.responders = responders;
        this.clock = clock;
        this.listener = listener;
    }

    /** Reloads, logging the outcome in one line. */
    synchronized Reloaded reload() {
        try {
            String detail = apply(SignerLoader.load(sameShape(ConfigFile.load(file)), clock));
            log.info("reload: {}", detail);
            return new Reloaded(true, detail);
        } catch (ConfigException e) {
            log.error("reload refused, signing with the previous keys: {}", e.getMessage());
            return new Reloaded(false, e.getMessage());
        }
    }

    /** {@code fresh}, if its responders and their CAs are the running ones: only signers change live. */
    private ServerConfig sameShape(ServerConfig fresh) throws ConfigException {
        List<String> running = responders.stream()
                .map(r -> r.name() + r.issuers().stream().map(Issuer::label).toList())
                .toList();
        List<String> wanted = fresh.responders().stream()
                .map(r ->
                        r.name() + r.issuers().stream().map(IssuerConfig::label).toList())
                .toList();
        if (!running.equals(wanted)) {
            throw new ConfigException(file + ": responders or their CAs are now " + wanted + ", not " + running
                    + "; a reload changes signers only, restart to apply this");
        }
        return fresh;
    }

    private String apply(List<LoadedResponder> loaded) throws ConfigException {
        List<Map<Issuer, ResponderSigner>> changes = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            Responder responder = responders.get(i);
            Map<Issuer, ResponderSigner> changed = new LinkedHashMap<>();
            for (Map.Entry<Issuer, ResponderSigner> e : loaded.get(i).signers().entrySet()) {
                if (!responder.serves(e.getKey())) {
                    throw new ConfigException(
                            file + ": responders[" + i + "]: CA " + e.getKey().label()
                                    + " has another certificate than at start; restart to answer for a new CA");
                }
                ResponderSigner running = responder.signer(e.getKey());
                if (!running.certificate().equals(e.getValue().certificate())
                        || !running.source().equals(e.getValue().source())) { // the same certificate's key moved
                    changed.put(e.getKey(), e.getValue());
                }
            }
            changes.add(changed);
        }
        List<String> done = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Responder responder = responders.get(i);
            Map<Issuer, ResponderSigner> changed = changes.get(i);
            if (changed.isEmpty()) {
                continue;
            }
            responder.replaceSigners(changed);
            listener.replaced(responder, changed.keySet());
            changed.forEach((issuer, s) -> done.add("responder " + responder.name() + ", CA " + issuer.label()
                    + ": now signing with " + s.certificate().getSubject() + " serial "
                    + SerialNumbers.hex(s.certificate().getSerialNumber()) + " valid until " + s.notAfter()));
        }
        return done.isEmpty() ? "signers unchanged" : String.join("; ", done);
    }
}
