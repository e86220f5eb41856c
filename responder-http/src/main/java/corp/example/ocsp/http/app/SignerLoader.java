package corp.example.ocsp.http.app;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.core.signing.SignerFiles;
import corp.example.ocsp.core.signing.SignerLoadException;
import corp.example.ocsp.core.signing.pkcs11.TokenSigners;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.config.ServerConfig.IssuerConfig;
import corp.example.ocsp.http.config.ServerConfig.ResponderConfig;
import corp.example.ocsp.http.config.ServerConfig.SignerConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Loads and checks every CA certificate and signer a configuration names, touching no network: at
 * start (before the source is opened or a port bound) and on every reload. A failure is one line
 * naming the file, the setting and the problem.
 */
final class SignerLoader {
    private SignerLoader() {}

    /** One responder's CAs with their signers, loaded from the files the configuration names. */
    record LoadedResponder(ResponderConfig config, Map<Issuer, ResponderSigner> signers) {}

    static List<LoadedResponder> load(ServerConfig config, Clock clock) throws ConfigException {
        List<LoadedResponder> out = new ArrayList<>();
        for (int i = 0; i < config.responders().size(); i++) {
            ResponderConfig r = config.responders().get(i);
            Map<Issuer, ResponderSigner> signers = new LinkedHashMap<>();
            for (int j = 0; j < r.issuers().size(); j++) {
                IssuerConfig ic = r.issuers().get(j);
                String setting = config.file() + ": responders[" + i + "].issuers[" + j + "]";
                try {
                    X509CertificateHolder ca =
                            SignerFiles.readCertificates(ic.certificate()).get(0);
                    Issuer issuer = Issuer.of(ic.label(), ca);
                    signers.put(
                            issuer,
                            signer(ic.signer(), issuer, clock, config.server().signingProvider()));
                } catch (SignerLoadException e) {
                    // the core names the concept; the configuration names the setting that chooses it
                    String where = e.concernsProvider() ? " (setting server.signingProvider)" : "";
                    throw new ConfigException(setting + ": " + e.getMessage() + where, e);
                }
            }
            out.add(new LoadedResponder(r, signers));
        }
        return out;
    }

    private static ResponderSigner signer(SignerConfig s, Issuer issuer, Clock clock, SignatureProvider provider)
            throws SignerLoadException {
        if (s.pkcs11().isPresent()) {
            return TokenSigners.load(s.pkcs11().get(), s.certificate(), issuer, clock);
        }
        if (s.pkcs12().isPresent()) {
            return SignerFiles.fromPkcs12(s.pkcs12().get(), s.password(), issuer, clock, provider);
        }
        return SignerFiles.fromPem(
                s.certificate().orElseThrow(), s.key().orElseThrow(), s.password(), issuer, clock, provider);
    }
}
