package corp.example.ocsp.http.source.crl;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.OpensslCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder on the CRLs of a CA run with the real {@code openssl ca -gencrl}, configured with
 * {@code crl:} and no database, asked by {@code openssl ocsp}: revoked as on the CRL, not-on-CRL per
 * {@code notOnCrl}, thisUpdate and nextUpdate those of the CRL, a new CRL followed while serving, and
 * a CRL file that stops parsing reported on {@code /readyz} while the last one stays in force.
 */
class CrlEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrlEndToEndTest.class);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private OpensslCa ca;

    @BeforeEach
    void ca() throws Exception {
        ca = OpensslCa.create(dir.resolve("ca"), "CRL E2E CA");
    }

    @Test
    void opensslCrl_isAnswered_withItsWindow_andFollowedWhileServing() throws Exception {
        Path one = ca.issue("one");
        Path two = ca.issue("two");
        Path three = ca.issue("three");
        ca.revoke(one, "-crl_reason", "keyCompromise");
        ca.gencrl("ca.crl", "-crldays", "1");
        try (ResponderApp app = serve("good")) {
            String url = "http://127.0.0.1:" + app.addresses().get(0).getPort() + "/";
            String revoked = ocsp(url, one);
            assertThat(revoked).contains(one + ": revoked").contains("Reason: keyCompromise");
            assertThat(ocsp(url, two)).contains(two + ": good");
            String crlTimes = ca.openssl("crl", "-in", "ca.crl", "-noout", "-lastupdate", "-nextupdate")
                    .stdout();
            assertThat(time(value(revoked, "This Update:")))
                    .as("the answer's thisUpdate is no later than the CRL's")
                    .isBeforeOrEqualTo(time(value(crlTimes, "lastUpdate=")));
            assertThat(value(revoked, "Next Update:"))
                    .as("the CRL's nextUpdate, earlier than the validity would give")
                    .isEqualTo(value(crlTimes, "nextUpdate="));

            ca.revoke(two, "-crl_hold", "holdInstructionReject");
            ca.gencrl("ca.crl.new", "-crldays", "1");
            Files.move(
                    ca.dir().resolve("ca.crl.new"),
                    ca.dir().resolve("ca.crl"),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long t0 = System.nanoTime();
            Await.until(LIMIT, "the new CRL is answered", () -> ocsp(url, two).contains(": revoked"));
            LOG.warn(
                    "measured: a new CRL file answered {} ms after it was moved into place (crlRefresh 1s)",
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(ocsp(url, two)).contains("Reason: certificateHold");
            assertThat(ocsp(url, three)).contains(three + ": good");
        }
    }

    @Test
    void notOnCrlUnknownByDefault_andABrokenCrlFile_keepsTheLastOne_andReadyzSaysDegraded() throws Exception {
        Path one = ca.issue("one");
        Path two = ca.issue("two");
        ca.revoke(one, "-crl_reason", "superseded");
        ca.gencrl("ca.crl");
        try (ResponderApp app = serve(null)) {
            String url = "http://127.0.0.1:" + app.addresses().get(0).getPort() + "/";
            URI readyz = URI.create(
                    "http://127.0.0.1:" + app.adminAddress().orElseThrow().getPort() + "/readyz");
            assertThat(ocsp(url, two)).as("a CRL cannot say it was issued").contains(two + ": unknown");
            Await.until(LIMIT, "ready", () -> readyz(readyz).equals("200 ready"));

            Files.writeString(
                    ca.dir().resolve("ca.crl"), "-----BEGIN X509 CRL-----\nnot base64!\n-----END X509 CRL-----\n");
            String degraded =
                    Await.until(LIMIT, "readyz says degraded", () -> readyz(readyz), r -> r.contains("degraded"));
            assertThat(degraded)
                    .startsWith("200 degraded: CA crl-ca: " + ca.dir().resolve("ca.crl"));
            assertThat(ocsp(url, one)).contains(": revoked").contains("Reason: superseded");
        }
    }

    private static String value(String lines, String key) {
        String line = lines.lines()
                .map(String::trim)
                .filter(l -> l.startsWith(key))
                .findFirst()
                .orElseThrow();
        return line.substring(key.length()).trim();
    }

    /** openssl's time, {@code Dec  2 01:00:25 2026 GMT}. */
    private static java.time.Instant time(String text) {
        return java.time.LocalDateTime.parse(
                        text.replaceAll(" +", " "),
                        java.time.format.DateTimeFormatter.ofPattern(
                                "MMM d HH:mm:ss yyyy 'GMT'", java.util.Locale.ROOT))
                .toInstant(java.time.ZoneOffset.UTC);
    }

    private ResponderApp serve(String notOnCrl) throws Exception {
        Path yaml = Files.writeString(dir.resolve("responder.yaml"), """
                admin:
                  listen: 127.0.0.1:0
                responders:
                  - name: crl
                    listen: 127.0.0.1:0
                    issuers:
                      - label: crl-ca
                        certificate: ca/ca.pem
                        crl: ca/ca.crl
                %s        signer: {certificate: ca/ca.pem, key: ca/ca.key}
                """.formatted(
                        notOnCrl == null ? "" : "        notOnCrl: " + notOnCrl + "\n"));
        return ResponderApp.start(ConfigFile.load(yaml, Map.of()), Clock.systemUTC());
    }

    private String ocsp(String url, Path leaf) {
        return ca.ocsp(url, leaf.toString(), "-resp_text");
    }

    private static String readyz(URI uri) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body().trim();
    }
}
