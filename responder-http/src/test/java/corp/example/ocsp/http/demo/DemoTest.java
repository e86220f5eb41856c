package corp.example.ocsp.http.demo;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.cli.Main;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.Openssl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo a new user runs first: its PKI, its embedded database, and a second run on the same directory. */
class DemoTest {
    @TempDir
    Path dir;

    /** A port that is free with the next one (the demo's admin listener) free too. */
    private static int freePort() throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0);
                    ServerSocket next = new ServerSocket(s.getLocalPort() + 1)) {
                return s.getLocalPort();
            } catch (java.io.IOException taken) {
                // the next port is in use: try another pair
            }
        }
        throw new IllegalStateException("no two free adjacent ports");
    }

    private String ocsp(int port, String issuer, String cert, String path) {
        return Openssl.run(
                        dir,
                        "ocsp",
                        "-issuer",
                        issuer,
                        "-cert",
                        cert,
                        "-url",
                        "http://127.0.0.1:" + port + path,
                        "-CAfile",
                        "root-ca.pem")
                .output();
    }

    @Test
    void demo_servesItsPkiAndKeepsRevocationsAcrossRuns() throws Exception {
        int port = freePort();
        try (ResponderApp app = DemoSetup.start(dir, port)) {
            for (String f :
                    new String[] {"root-ca", "issuing-ca", "responder", "good", "revoked", "unknown", "server", "client"
                    }) {
                assertThat(dir.resolve(f + ".pem")).exists();
                assertThat(Files.readString(dir.resolve(f + ".key"))).startsWith("-----BEGIN PRIVATE KEY-----");
            }
            // the delegated responder certificate's profile (BR 7.1.2.8, RFC 6960 §4.2.2.2)
            String responder = Openssl.run(dir, "x509", "-in", "responder.pem", "-noout", "-text")
                    .output();
            assertThat(responder)
                    .contains("X509v3 Extended Key Usage: \n                OCSP Signing\n")
                    .contains("OCSP No Check")
                    .contains("X509v3 Key Usage: critical\n                Digital Signature\n")
                    .contains("CA:FALSE")
                    .doesNotContain("Authority Information Access")
                    .doesNotContain("CRL Distribution");
            assertThat(Openssl.run(dir, "x509", "-in", "responder.pem", "-noout", "-issuer")
                            .output()
                            .strip())
                    .isEqualTo("issuer="
                            + Openssl.run(dir, "x509", "-in", "issuing-ca.pem", "-noout", "-subject")
                                    .output()
                                    .strip()
                                    .substring("subject=".length()));
            assertThat(Openssl.run(dir, "x509", "-in", "client.pem", "-noout", "-subject")
                            .output())
                    .contains("O = Big Partner Foo SA");
            assertThat(Openssl.run(dir, "x509", "-in", "server.pem", "-noout", "-ext", "subjectAltName")
                            .output())
                    .contains("DNS:localhost")
                    .contains("IP Address:127.0.0.1");
            assertThat(Openssl.run(dir, "x509", "-in", "good.pem", "-noout", "-ocsp_uri")
                            .output()
                            .strip())
                    .isEqualTo("http://127.0.0.1:" + port);
            assertThat(ocsp(port, "issuing-ca.pem", "good.pem", ""))
                    .contains("Response verify OK")
                    .contains("good.pem: good");
            assertThat(ocsp(port, "issuing-ca.pem", "revoked.pem", ""))
                    .contains("revoked.pem: revoked")
                    .contains("keyCompromise");
            assertThat(ocsp(port, "issuing-ca.pem", "unknown.pem", "")).contains("unknown.pem: unknown");
            assertThat(ocsp(port, "root-ca.pem", "issuing-ca.pem", "/root/"))
                    .contains("Response verify OK")
                    .contains("issuing-ca.pem: good");

            StringWriter err = new StringWriter();
            int exit = Main.run(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true),
                    "revoke",
                    "--config",
                    dir.resolve("responder.yaml").toString(),
                    "--cert",
                    dir.resolve("good.pem").toString(),
                    "--reason",
                    "superseded");
            assertThat(exit).as(err.toString()).isZero();
            // the change feed takes milliseconds; the limit is generous for a loaded machine
            String after = Await.until(
                    Duration.ofSeconds(15),
                    "the demo answering good.pem revoked",
                    () -> ocsp(port, "issuing-ca.pem", "good.pem", ""),
                    out -> out.contains("good.pem: revoked"));
            assertThat(after).contains("good.pem: revoked");
        }

        String before = Files.readString(dir.resolve("root-ca.pem"));
        try (ResponderApp again = DemoSetup.start(dir, port)) {
            assertThat(Files.readString(dir.resolve("root-ca.pem"))).isEqualTo(before);
            assertThat(ocsp(port, "issuing-ca.pem", "good.pem", ""))
                    .contains("good.pem: revoked")
                    .contains("superseded");
            assertThat(ocsp(port, "issuing-ca.pem", "revoked.pem", "")).contains("keyCompromise");
        }
    }
}
