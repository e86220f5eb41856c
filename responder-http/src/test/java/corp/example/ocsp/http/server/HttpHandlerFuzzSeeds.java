package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import com.code_intelligence.jazzer.junit.FuzzTest;
import corp.example.ocsp.testing.ocsp.FuzzCorpus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the seed corpora of {@link HttpHandlerFuzzTest}: raw HTTP/1.x streams for
 * {@code rawStream/seeds} (valid POSTs and GETs of the request shapes, malformed OCSP bodies, HTTP
 * junk, partial headers and bodies as a slow client leaves them, giant and contradictory
 * Content-Lengths, chunked framing, Expect, oversized headers and request lines) and
 * {@link FuzzedExchange} encodings for {@code structuredRequests/seeds}, each in a {@code seeds/}
 * subdirectory whose files are replaced (inputs the fuzzer found stay beside it). Not part of the normal test run (its name does not end in Test);
 * rerun it after changing {@link FuzzCorpus} or {@link FuzzedExchange} and commit the result:
 *
 * <pre>
 * ./mvnw -B -q -pl responder-http -am test -Dtest=HttpHandlerFuzzSeeds -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class HttpHandlerFuzzSeeds {
    static final Path DIR = Path.of("src/test/resources/corp/example/ocsp/http/server/HttpHandlerFuzzTestInputs");
    private static final String CT = "Content-Type: application/ocsp-request";

    /**
     * Writes the corpora. A {@code @FuzzTest} only so that Jazzer's agent is loaded, which the
     * {@link FuzzedDataProviderImpl} that checks each structured seed needs; it runs once, on the
     * empty input.
     */
    @FuzzTest
    void write(byte[] ignored) throws IOException {
        FuzzCorpus.Pki pki = FuzzCorpus.Pki.create();
        FuzzCorpus.writeSeeds(DIR.resolve("rawStream/seeds"), rawStreams(pki));
        FuzzCorpus.writeSeeds(DIR.resolve("structuredRequests/seeds"), structured(pki));
    }

    static Map<String, byte[]> rawStreams(FuzzCorpus.Pki pki) {
        Map<String, byte[]> valid = FuzzCorpus.validRequests(pki);
        Map<String, byte[]> malformed = FuzzCorpus.malformedRequests(pki);
        byte[] good = valid.get("sha1-good");
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String shape : List.of(
                "sha1-good",
                "sha256-good",
                "sha384-good",
                "sha512-good",
                "sha1-revoked",
                "sha1-unknown-serial",
                "several-certids",
                "nonce-16",
                "nonce-128",
                "signed",
                "hash-parameters-absent")) {
            out.put("post-" + shape, post("/ocsp/", "HTTP/1.1", valid.get(shape), CT));
        }
        out.put("post-root-route-unauthorized", post("/root/", "HTTP/1.1", good, CT));
        out.put(
                "post-root-ca-certid",
                post("/root/", "HTTP/1.1", FuzzCorpus.foreignRequests(pki).get("root-ca-certid")));
        for (String shape : List.of(
                "truncated-half",
                "trailing-zero",
                "outer-length-2g",
                "outer-length-2p63",
                "inner-length-2g",
                "octet-string-length-2g",
                "indefinite-length",
                "deep-nesting-definite",
                "nonce-deeply-nested",
                "nonce-129",
                "certids-33",
                "not-der-text")) {
            out.put("post-bad-" + shape, post("/ocsp/", "HTTP/1.1", malformed.get(shape), CT));
        }
        String b64 = Base64.getEncoder().encodeToString(good);
        gets(good, b64, out);
        connections(good, valid.get("nonce-16"), b64, out);
        framing(good, b64, out);
        byte[] junk = new byte[256];
        new Random(7).nextBytes(junk);
        out.put("junk-binary", junk);
        return out;
    }

    /** GET paths, encoded well and badly. */
    private static void gets(byte[] good, String b64, Map<String, byte[]> out) {
        out.put("get-url-encoded", get("/ocsp/" + URLEncoder.encode(b64, StandardCharsets.US_ASCII)));
        out.put("get-raw-base64", get("/ocsp/" + b64));
        out.put(
                "get-base64url-unpadded",
                get("/ocsp/" + Base64.getUrlEncoder().withoutPadding().encodeToString(good)));
        out.put("get-bad-percent", get("/ocsp/%zz" + b64));
        out.put("get-not-base64", get("/ocsp/not*base64!"));
        out.put("get-empty-path", get("/ocsp/"));
        out.put("get-if-none-match-star", get("/ocsp/" + b64, "If-None-Match: *"));
        out.put("get-unknown-route", get("/nope/" + b64));
    }

    /** Keep-alive and close, pipelining, methods, content types, request targets and versions. */
    private static void connections(byte[] good, byte[] nonce16, String b64, Map<String, byte[]> out) {
        out.put("http10-close", post("/ocsp/", "HTTP/1.0", good, CT));
        out.put(
                "pipelined-three",
                concat(
                        post("/ocsp/", "HTTP/1.1", good, CT),
                        post("/ocsp/", "HTTP/1.1", nonce16, CT),
                        get("/ocsp/" + b64)));
        out.put(
                "pipelined-after-close",
                concat(
                        post("/ocsp/", "HTTP/1.1", good, CT, "Connection: close"),
                        post("/ocsp/", "HTTP/1.1", good, CT)));
        out.put("wrong-content-type", post("/ocsp/", "HTTP/1.1", good, "Content-Type: text/plain"));
        out.put("put-method", send("PUT", "/ocsp/", "HTTP/1.1", good, CT));
        out.put("head-method", ascii("HEAD /ocsp/ HTTP/1.1\r\nHost: x\r\n\r\n"));
        out.put("options-star", ascii("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"));
        out.put("absolute-uri", post("http://ocsp.example/ocsp/", "HTTP/1.1", good, CT));
        out.put("lowercase-method", ascii("get /ocsp/" + b64 + " HTTP/1.1\r\n\r\n"));
        out.put("no-version", ascii("GET /ocsp/" + b64 + "\r\n\r\n"));
        out.put("version-2", ascii("GET /ocsp/" + b64 + " HTTP/2.0\r\n\r\n"));
    }

    /** Malformed and oversized message framing: headers, lengths, chunking, expectations, other protocols. */
    private static void framing(byte[] good, String b64, Map<String, byte[]> out) {
        out.put("bare-lf", ascii("GET /ocsp/" + b64 + " HTTP/1.1\nHost: x\n\n"));
        out.put("nul-in-header", ascii("GET /ocsp/" + b64 + " HTTP/1.1\r\nX: a\u0000b\r\n\r\n"));
        out.put("header-without-colon", ascii("GET /ocsp/" + b64 + " HTTP/1.1\r\nNoColon\r\n\r\n"));
        out.put("obs-fold", ascii("GET /ocsp/" + b64 + " HTTP/1.1\r\nX: a\r\n folded\r\n\r\n"));
        out.put("slowloris-partial-headers", ascii("POST /ocsp/ HTTP/1.1\r\nHost: x\r\nX-a: b"));
        out.put(
                "slowloris-partial-body",
                concat(ascii("POST /ocsp/ HTTP/1.1\r\nContent-Length: 100\r\n\r\n"), new byte[10]));
        out.put("giant-content-length", ascii("POST /ocsp/ HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n"));
        out.put("content-length-2g", ascii("POST /ocsp/ HTTP/1.1\r\nContent-Length: 2147483648\r\n\r\n"));
        out.put("content-length-over-limit", ascii("POST /ocsp/ HTTP/1.1\r\nContent-Length: 16385\r\n\r\n"));
        out.put(
                "content-length-over-limit-close",
                ascii("POST /ocsp/ HTTP/1.1\r\nConnection: close\r\nContent-Length: 16385\r\n\r\n"));
        out.put("content-length-negative", ascii("POST /ocsp/ HTTP/1.1\r\nContent-Length: -1\r\n\r\n"));
        out.put(
                "content-length-twice",
                concat(
                        ascii("POST /ocsp/ HTTP/1.1\r\nContent-Length: " + good.length
                                + "\r\nContent-Length: 5\r\n\r\n"),
                        good));
        out.put(
                "content-length-and-chunked",
                concat(
                        ascii("POST /ocsp/ HTTP/1.1\r\nContent-Length: " + good.length
                                + "\r\nTransfer-Encoding: chunked\r\n\r\n"),
                        good));
        out.put(
                "chunked",
                concat(
                        ascii("POST /ocsp/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + Integer.toHexString(good.length) + "\r\n"),
                        good,
                        ascii("\r\n0\r\n\r\n")));
        out.put(
                "chunked-huge-size",
                ascii("POST /ocsp/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab"));
        out.put("expect-100-continue", post("/ocsp/", "HTTP/1.1", good, CT, "Expect: 100-continue"));
        out.put(
                "expect-100-continue-over-limit",
                ascii("POST /ocsp/ HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 16385\r\n\r\n"));
        out.put("expect-bogus", post("/ocsp/", "HTTP/1.1", good, CT, "Expect: bogus"));
        out.put(
                "expect-then-head",
                concat(
                        post("/ocsp/", "HTTP/1.1", good, CT, "Expect: 100-continue"),
                        ascii("HEAD /ocsp/ HTTP/1.1\r\n\r\n")));
        out.put(
                "header-too-large",
                ascii("GET /ocsp/" + b64 + " HTTP/1.1\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n"));
        out.put("request-line-too-long", ascii("GET /ocsp/" + "A".repeat(9000) + " HTTP/1.1\r\n\r\n"));
        out.put("http2-preface", ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        out.put("tls-client-hello", HexFormat.of().parseHex("16030100a5010000a10303" + "00".repeat(32)));
    }

    static Map<String, byte[]> structured(FuzzCorpus.Pki pki) {
        int templates = HttpHandlerFuzzTest.templates(pki).size();
        int valid = FuzzCorpus.validRequests(pki).size(); // the first templates
        Map<String, FuzzedExchange> out = new LinkedHashMap<>();
        for (int t = 0; t < valid; t++) {
            out.put("post-template-" + t, exchange(request(0, 0, List.of(1), 0, 0, t)));
        }
        for (int e = 0; e < FuzzedExchange.GET_ENCODINGS; e++) {
            out.put("get-encoding-" + e, exchange(request(1, 0, List.of(), 1, e, 0)));
        }
        for (int t = valid; t < templates; t += 3) {
            out.put("post-template-" + t, exchange(request(0, 0, List.of(), 0, 0, t)));
        }
        out.put("root-route", exchange(request(0, 1, List.of(1), 0, 0, 0)));
        out.put("http10", exchange(request(0, 0, List.of(), 0, 0, 0, 1)));
        out.put("chunked", exchange(request(0, 0, List.of(1), 2, 0, 0)));
        out.put("expect-100-continue", exchange(request(0, 0, List.of(8), 0, 0, 0)));
        out.put("if-none-match-star", exchange(request(1, 0, List.of(6), 1, 0, 0)));
        out.put("put", exchange(request(3, 0, List.of(), 0, 0, 0)));
        byte[] fuzzed = new byte[64];
        new Random(11).nextBytes(fuzzed);
        out.put(
                "fuzzed-body",
                new FuzzedExchange(
                        List.of(new FuzzedExchange.Request(0, 0, 0, List.of(), 0, 0, 255, fuzzed, List.of())),
                        List.of()));
        out.put(
                "flipped-bytes",
                new FuzzedExchange(
                        List.of(new FuzzedExchange.Request(
                                0, 0, 0, List.of(1), 0, 0, 0, new byte[0], List.of(new int[] {10, 0x40}, new int[] {
                                    30, 1
                                }))),
                        List.of()));
        out.put(
                "pipelined-nonce-then-over-limit",
                new FuzzedExchange(
                        List.of(request(0, 0, List.of(1), 0, 0, 11), request(0, 0, List.of(12), 1, 0, 0)), List.of()));
        out.put(
                "pipelined-expect-nonce-then-head",
                new FuzzedExchange(
                        List.of(request(0, 0, List.of(8), 0, 0, 11), request(2, 0, List.of(), 1, 0, 0)), List.of()));
        out.put(
                "pipelined-cut-and-deferred",
                new FuzzedExchange(
                        List.of(
                                request(0, 0, List.of(1), 0, 0, 11),
                                request(1, 0, List.of(), 1, 0, 0),
                                request(0, 1, List.of(), 0, 0, 1)),
                        List.of(new FuzzedExchange.Cut(40, true), new FuzzedExchange.Cut(300, false))));
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        out.forEach((name, exchange) -> {
            byte[] bytes = exchange.encode(templates);
            try (FuzzedDataProviderImpl data = FuzzedDataProviderImpl.withJavaData(bytes)) {
                FuzzedExchange back = FuzzedExchange.read(data, templates);
                assertThat(back.encode(templates))
                        .as("%s reads back as written", name)
                        .isEqualTo(bytes);
                assertThat(back.toBytes(List.of())).isNotNull();
            }
            encoded.put(name, bytes);
        });
        return encoded;
    }

    private static FuzzedExchange exchange(FuzzedExchange.Request request) {
        return new FuzzedExchange(List.of(request), List.of());
    }

    private static FuzzedExchange.Request request(
            int method, int target, List<Integer> headers, int framing, int encoding, int template) {
        return request(method, target, headers, framing, encoding, template, 0);
    }

    private static FuzzedExchange.Request request(
            int method, int target, List<Integer> headers, int framing, int encoding, int template, int version) {
        return new FuzzedExchange.Request(
                method, target, version, headers, framing, encoding, template, new byte[0], List.of());
    }

    private static byte[] post(String path, String version, byte[] body, String... headers) {
        return send("POST", path, version, body, headers);
    }

    private static byte[] send(String method, String path, String version, byte[] body, String... headers) {
        StringBuilder sb = new StringBuilder(method + " " + path + " " + version + "\r\nHost: ocsp.example\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return concat(ascii(sb.toString()), body);
    }

    private static byte[] get(String path, String... headers) {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: ocsp.example\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return ascii(sb.append("\r\n").toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        return FuzzCorpus.concat(parts);
    }
}
