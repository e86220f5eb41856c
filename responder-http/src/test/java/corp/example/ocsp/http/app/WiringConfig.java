package corp.example.ocsp.http.app;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.source.SourceSettings;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A configuration of two responders (one CA each, delegated signers) on one free loopback port, over {@code source}. */
final class WiringConfig {
    private WiringConfig() {}

    /** Writes the PKI and the file into {@code dir}; {@code adminListen} is YAML ({@code "\"off\""}, {@code 127.0.0.1:0}). */
    static ServerConfig write(Path dir, SourceSettings source, CacheSettings cache, String adminListen)
            throws Exception {
        for (String ca : new String[] {"ca", "ca2"}) {
            Ca root = TestPki.newRoot("Wiring " + ca).build();
            root.writeCertPem(dir.resolve(ca + ".pem"));
            CertBundle signer = root.issueOcspSigner("Wiring OCSP " + ca).build();
            signer.writeCertPem(dir.resolve(ca + "-s.pem"));
            signer.writeKeyPem(dir.resolve(ca + "-s.key"));
        }
        Path file = Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: jdbc:postgresql://db/ocsp
                admin:
                  listen: %s
                responders:
                  - name: r
                    listen: 127.0.0.1:0
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer: {certificate: ca-s.pem, key: ca-s.key}
                  - name: r2
                    listen: 127.0.0.1:0
                    path: /r2
                    issuers:
                      - label: ca2
                        certificate: ca2.pem
                        signer: {certificate: ca2-s.pem, key: ca2-s.key}
                """.formatted(adminListen));
        ServerConfig c = ConfigFile.load(file, Map.of());
        return new ServerConfig(
                c.file(), source, c.server(), new ServerConfig.Cache(cache, 1), c.admin(), c.responders());
    }
}
