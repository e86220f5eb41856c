package corp.example.ocsp.http.source.index;

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
 * The responder on a CA run with the real {@code openssl ca}, configured with {@code index:} and no
 * database: revocations made with {@code openssl ca -revoke} (each reason form) and certificates
 * issued while serving are answered as {@code openssl ocsp} asks; a garbled or cut-short write keeps
 * the last good answers and makes {@code /readyz} say degraded, naming the file and line.
 */
class LiveIndexEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(LiveIndexEndToEndTest.class);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private OpensslCa ca;

    @BeforeEach
    void ca() throws Exception {
        ca = OpensslCa.create(dir.resolve("ca"), "Live Index CA");
    }

    @Test
    void opensslCaRevocations_andNewCertificates_areAnsweredWhileServing() throws Exception {
        Path one = ca.issue("one");
        Path two = ca.issue("two");
        try (ResponderApp app = serve()) {
            String url = "http://127.0.0.1:" + app.addresses().get(0).getPort() + "/";
            assertThat(ocsp(url, one)).contains(one + ": good");
            assertThat(ocsp(url, two)).contains(two + ": good");
            assertThat(ocspSerial(url, "0x1234ABCD")).contains("0x1234ABCD: unknown");

            ca.revoke(one, "-crl_reason", "keyCompromise");
            awaitRevoked(url, one, "keyCompromise", "openssl ca -revoke -crl_reason keyCompromise");
            assertThat(ocsp(url, two)).contains(two + ": good");

            Path three = ca.issue("three");
            long t0 = System.nanoTime();
            Await.until(
                    LIMIT,
                    "a certificate issued while serving is good",
                    () -> ocsp(url, three).contains(": good"));
            LOG.warn("measured: issued while serving, answered good {} ms after openssl ca returned", ms(t0));

            ca.revoke(two, "-crl_hold", "holdInstructionReject");
            awaitRevoked(url, two, "certificateHold", "openssl ca -revoke -crl_hold");
            ca.revoke(three, "-crl_compromise", "20260101000000Z");
            awaitRevoked(url, three, "keyCompromise", "openssl ca -revoke -crl_compromise");
            assertThat(Files.readString(ca.index())).contains(",keyTime,20260101000000Z", ",holdInstruction,");
        }
    }

    @Test
    void garbledOrCutShortWrite_keepsTheLastGoodAnswers_andReadyzSaysDegraded() throws Exception {
        Path one = ca.issue("one");
        Path two = ca.issue("two");
        ca.revoke(one, "-crl_reason", "superseded");
        try (ResponderApp app = serve()) {
            String url = "http://127.0.0.1:" + app.addresses().get(0).getPort() + "/";
            URI readyz = URI.create(
                    "http://127.0.0.1:" + app.adminAddress().orElseThrow().getPort() + "/readyz");
            Await.until(LIMIT, "ready", () -> readyz(readyz).equals("200 ready"));
            String good = Files.readString(ca.index());

            Files.writeString(ca.index(), good + "V\tgarbage\n"); // an editor's write, in place
            String degraded =
                    Await.until(LIMIT, "readyz says degraded", () -> readyz(readyz), r -> r.contains("degraded"));
            assertThat(degraded)
                    .startsWith("200 degraded: CA live-ca: " + ca.index() + " line 3: expected 6 tab-separated"
                            + " fields");
            assertThat(ocsp(url, one)).contains(": revoked").contains("Reason: superseded");
            assertThat(ocsp(url, two)).contains(two + ": good");

            Files.writeString(ca.index(), good.substring(0, good.length() / 2)); // cut short inside line 1
            Await.until(LIMIT, "readyz names the cut", () -> readyz(readyz).contains("the file ends inside this line"));
            assertThat(ocsp(url, one)).contains(": revoked").contains("Reason: superseded");
            assertThat(ocsp(url, two)).contains(two + ": good");

            Files.writeString(ca.index(), good);
            Await.until(
                    LIMIT,
                    "ready again once the file parses",
                    () -> readyz(readyz).equals("200 ready"));
        }
    }

    @Test
    void revocation_resignsOnlyTheRevokedCertificatesAnswers() throws Exception {
        Path[] leaves = new Path[6];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = ca.issue("leaf" + i);
        }
        try (ResponderApp app = serve()) {
            URI metrics = URI.create(
                    "http://127.0.0.1:" + app.adminAddress().orElseThrow().getPort() + "/metrics");
            Await.until(LIMIT, "the cache is filled", () -> scrape(metrics).contains("ocsp_cache_filled 1.0"));
            double before = signatures(scrape(metrics));
            assertThat(before).as("signed ahead for each of the 6").isGreaterThanOrEqualTo(6);
            ca.revoke(leaves[2], "-crl_reason", "keyCompromise");
            String url = "http://127.0.0.1:" + app.addresses().get(0).getPort() + "/";
            Await.until(LIMIT, "revoked", () -> ocsp(url, leaves[2]).contains(": revoked"));
            double resigned = signatures(scrape(metrics)) - before;
            LOG.warn(
                    "measured: {} signatures after one revocation among 6 certificates signed ahead ({} before)",
                    resigned,
                    before);
            assertThat(resigned)
                    .as("the revoked certificate's answers only, not all 6's")
                    .isLessThan(before);
            assertThat(ocsp(url, leaves[3])).contains(": good");
        }
    }

    private static double signatures(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("ocsp_signing_seconds_count"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String scrape(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private ResponderApp serve() throws Exception {
        Path yaml = Files.writeString(dir.resolve("responder.yaml"), """
                admin:
                  listen: 127.0.0.1:0
                responders:
                  - name: live
                    listen: 127.0.0.1:0
                    issuers:
                      - label: live-ca
                        certificate: ca/ca.pem
                        index: ca/index.txt
                        signer: {certificate: ca/ca.pem, key: ca/ca.key}
                """);
        return ResponderApp.start(ConfigFile.load(yaml, Map.of()), Clock.systemUTC());
    }

    private void awaitRevoked(String url, Path leaf, String reason, String how) throws Exception {
        long t0 = System.nanoTime();
        Await.until(
                LIMIT,
                "openssl ocsp says revoked after " + how,
                () -> ocsp(url, leaf).contains(": revoked"));
        LOG.warn("measured: {} answered revoked {} ms after openssl ca returned", how, ms(t0));
        assertThat(ocsp(url, leaf)).contains(leaf + ": revoked").contains("Reason: " + reason);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private String ocsp(String url, Path leaf) {
        return ca.ocsp(url, leaf.toString());
    }

    private String ocspSerial(String url, String serial) {
        return ca.ocsp(url, serial);
    }

    private static String readyz(URI uri) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body().trim();
    }
}
