package corp.example.ocsp.http.demo;

import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.config.ServerConfig;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.http.source.postgres.Embedded;
import corp.example.ocsp.http.source.postgres.PostgresSettings;
import corp.example.ocsp.store.postgres.StoreAdmin;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The demo's configuration file and its first contents in the store: the schema, both CAs, the
 * registered leaves and the revocation of revoked.pem. Idempotent, so a second run changes nothing
 * (and a revocation or release made with the admin commands stays as it is).
 */
public final class DemoSetup {
    private DemoSetup() {}

    /**
     * Writes DIR/responder.yaml for OCSP port {@code port}, unless it is there already for that
     * port; a file written for another port is rewritten, keeping its database port (the data in
     * pgdata stays). Returns its path.
     */
    public static Path ensureConfig(Path dir, int port) throws IOException, ConfigException {
        Path file = dir.resolve("responder.yaml");
        int dbPort;
        if (Files.exists(file)) {
            ServerConfig existing = ConfigFile.load(file);
            if (existing.responders().get(0).listen().getPort() == port) {
                return file;
            }
            dbPort = existing.source() instanceof PostgresSettings p
                            && p.embedded().isPresent()
                    ? p.embedded().map(Embedded::port).get()
                    : freePort();
        } else {
            dbPort = freePort();
        }
        String yaml = """
                # Written by 'ocsp-responder demo' for the demo PKI in this directory.
                # Admin commands work against the running demo with --config %s
                database:
                  embedded:
                    dataDir: pgdata
                    port: %d
                admin:
                  listen: 127.0.0.1:%d
                responders:
                  - name: issuing-ca
                    listen: 127.0.0.1:%d
                    issuers:
                      - label: issuing-ca
                        certificate: issuing-ca.pem
                        signer:
                          certificate: responder.pem
                          key: responder.key
                  - name: root-ca
                    listen: 127.0.0.1:%d
                    path: /root/
                    issuers:
                      - label: root-ca
                        certificate: root-ca.pem
                        signer:
                          certificate: root-ca.pem
                          key: root-ca.key
                """.formatted(file, dbPort, port < 65535 ? port + 1 : 0, port, port);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Creates (or reuses) the PKI and configuration in {@code dir} and starts the responder on its
     * embedded PostgreSQL, with the PKI registered.
     */
    public static ResponderApp start(Path dir, int port) throws Exception {
        DemoPki.ensure(dir, port);
        ServerConfig config = ConfigFile.load(ensureConfig(dir, port));
        return ResponderApp.start(config, Clock.systemUTC(), source -> register(source, dir));
    }

    /** Migrates and registers the demo PKI in {@code source}. */
    public static void register(SourceAdmin source, Path dir) {
        StatusWrites writes = source.writes();
        writes.migrate(StatusWrites.Progress.NONE);
        X509CertificateHolder root = single(dir.resolve("root-ca.pem"));
        X509CertificateHolder issuing = single(dir.resolve("issuing-ca.pem"));
        writes.registerIssuer("root-ca", root);
        writes.registerIssuer("issuing-ca", issuing);
        writes.addCertificates("root-ca", List.of(issuing));
        for (String leaf : DemoPki.REGISTERED_LEAVES) {
            X509CertificateHolder cert = single(dir.resolve(leaf + ".pem"));
            boolean added =
                    source.describe("issuing-ca", cert.getSerialNumber()).isEmpty();
            writes.addCertificates("issuing-ca", List.of(cert));
            if (added && leaf.equals("revoked")) {
                // only when first recorded: what the operator did later with the admin commands stays
                writes.revoke(
                        "issuing-ca",
                        cert.getSerialNumber(),
                        RevocationReason.KEY_COMPROMISE,
                        Optional.empty(),
                        Optional.empty());
            }
        }
    }

    private static X509CertificateHolder single(Path file) {
        return StoreAdmin.readCertificates(file).get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
