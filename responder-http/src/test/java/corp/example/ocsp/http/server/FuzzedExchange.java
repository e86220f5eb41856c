package corp.example.ocsp.http.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One structured HTTP exchange for {@link HttpHandlerFuzzTest#structuredRequests}: up to three
 * pipelined requests, each a method, a target, a version, headers from a list of meaningful and
 * hostile ones, a framing (Content-Length, none, chunked) and a body (one of the DER requests of
 * every shape, or fuzzed bytes, with a few bytes flipped), a POST body or a GET path in one of
 * several encodings; then where the byte stream is cut into reads, and after which reads the
 * signing executor catches up.
 *
 * <p>{@link #read} takes each choice from a {@link FuzzedDataProvider} (choices from the end of
 * the input, fuzzed body bytes from the front); {@link #encode} writes the input that reads as
 * this exchange, for the seed corpus. The two walk the fields in the same order and must stay
 * so; {@link HttpHandlerFuzzSeeds} checks every seed it writes reads back the same.
 */
record FuzzedExchange(List<Request> requests, List<Cut> cuts) {
    static final String[] METHODS = {"POST", "GET", "HEAD", "PUT", "OPTIONS", "CONNECT", "post", "G\u00c9T"};
    static final String[] TARGETS = {
        "/ocsp/",
        "/root/",
        "/",
        "/ocsp",
        "/nope/",
        "http://ocsp.example/ocsp/",
        "/ocsp/?x=1&y",
        "*",
        "/root/../ocsp/",
        "//ocsp/"
    };
    static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.0", "", "HTTP/2.0", "HTTP/1.2", "http/1.1", "HTTP/1.1 x"};
    static final String[] HEADERS = {
        "Host: ocsp.example",
        "Content-Type: application/ocsp-request",
        "Content-Type: Application/OCSP-Request; charset=binary",
        "Content-Type: text/plain",
        "Connection: close",
        "Connection: keep-alive",
        "If-None-Match: *",
        "If-None-Match: \"00\"",
        "Expect: 100-continue",
        "Expect: bogus",
        "Content-Length: 99999999999999999999",
        "Content-Length: 2147483648",
        "Content-Length: 16385",
        "Content-Length: -1",
        "Content-Length: 5",
        "Transfer-Encoding: chunked",
        "Transfer-Encoding: gzip, chunked",
        " folded: continuation",
        "No-Colon-Header",
        "X-Nul: a\u0000b",
        "X-Long: " + "a".repeat(9000),
        "Accept: */*",
    };
    /** How a GET carries the DER request in its path. */
    static final int GET_ENCODINGS = 7;
    /** Fuzzed bodies are at most this long (the default body limit is 16 KiB). */
    static final int MAX_FUZZED_BODY = 20_000;

    /**
     * One request. {@code template} below the number of templates picks one; otherwise
     * {@code fuzzedBody} is the body. {@code flips} are (position, xor) pairs applied to it.
     */
    record Request(
            int method,
            int target,
            int version,
            List<Integer> headers,
            int framing,
            int encoding,
            int template,
            byte[] fuzzedBody,
            List<int[]> flips) {}

    /** The stream is cut at {@code position} (modulo its length); {@code runDeferred} after that read. */
    record Cut(int position, boolean runDeferred) {}

    static FuzzedExchange read(FuzzedDataProvider data, int templates) {
        List<Request> requests = new ArrayList<>();
        int count = data.consumeInt(1, 3);
        for (int r = 0; r < count; r++) {
            int method = data.consumeInt(0, METHODS.length - 1);
            int target = data.consumeInt(0, TARGETS.length - 1);
            int version = data.consumeInt(0, VERSIONS.length - 1);
            List<Integer> headers = new ArrayList<>();
            for (int h = data.consumeInt(0, 4); h > 0; h--) {
                headers.add(data.consumeInt(0, HEADERS.length - 1));
            }
            int framing = data.consumeInt(0, 2);
            int encoding = data.consumeInt(0, GET_ENCODINGS - 1);
            int template = data.consumeInt(0, 255);
            byte[] fuzzed = template < templates ? new byte[0] : data.consumeBytes(data.consumeInt(0, MAX_FUZZED_BODY));
            List<int[]> flips = new ArrayList<>();
            for (int f = data.consumeInt(0, 3); f > 0; f--) {
                flips.add(new int[] {data.consumeInt(0, 65535), data.consumeInt(1, 255)});
            }
            requests.add(new Request(method, target, version, headers, framing, encoding, template, fuzzed, flips));
        }
        List<Cut> cuts = new ArrayList<>();
        for (int c = data.consumeInt(0, 3); c > 0; c--) {
            cuts.add(new Cut(data.consumeInt(0, 65535), data.consumeBoolean()));
        }
        return new FuzzedExchange(requests, cuts);
    }

    /** The fuzzer input that {@link #read} reads as this exchange. */
    byte[] encode(int templates) {
        Encoder e = new Encoder();
        e.choice(requests.size(), 1, 3);
        for (Request r : requests) {
            e.choice(r.method, 0, METHODS.length - 1);
            e.choice(r.target, 0, TARGETS.length - 1);
            e.choice(r.version, 0, VERSIONS.length - 1);
            e.choice(r.headers.size(), 0, 4);
            for (int h : r.headers) {
                e.choice(h, 0, HEADERS.length - 1);
            }
            e.choice(r.framing, 0, 2);
            e.choice(r.encoding, 0, GET_ENCODINGS - 1);
            e.choice(r.template, 0, 255);
            if (r.template >= templates) {
                e.choice(r.fuzzedBody.length, 0, MAX_FUZZED_BODY);
                e.front.writeBytes(r.fuzzedBody);
            }
            e.choice(r.flips.size(), 0, 3);
            for (int[] flip : r.flips) {
                e.choice(flip[0], 0, 65535);
                e.choice(flip[1], 1, 255);
            }
        }
        e.choice(cuts.size(), 0, 3);
        for (Cut c : cuts) {
            e.choice(c.position, 0, 65535);
            e.choice(c.runDeferred ? 1 : 0, 0, 1);
        }
        return e.bytes();
    }

    /**
     * Writes choices as Jazzer's FuzzedDataProvider reads them: an integer in [min, max] from as
     * many bytes at the end of the input as the range needs, the first read (the last in the file)
     * most significant, taken as is when it lies in [min, max] (else min + value mod the range's
     * size, which these encodings never need); a boolean from the low bit of one byte; byte arrays
     * from the front.
     */
    private static final class Encoder {
        final ByteArrayOutputStream front = new ByteArrayOutputStream();
        final ByteArrayOutputStream readFromEnd = new ByteArrayOutputStream();

        void choice(int value, int min, int max) {
            long range = (long) max - min;
            int bytes = 0;
            while (bytes < 4 && (range >> (8 * bytes)) > 0) {
                bytes++;
            }
            if (value < min || value > max || bytes < 4 && value >= 1L << (8 * bytes)) {
                throw new IllegalArgumentException(value + " cannot be encoded for [" + min + ", " + max + "]");
            }
            for (int i = bytes - 1; i >= 0; i--) {
                readFromEnd.write(value >> (8 * i) & 0xff);
            }
        }

        byte[] bytes() {
            byte[] tail = readFromEnd.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(front.toByteArray());
            for (int i = tail.length - 1; i >= 0; i--) {
                out.write(tail[i]);
            }
            return out.toByteArray();
        }
    }

    /** The bytes a client sends, with {@code templates} the DER requests of every shape. */
    byte[] toBytes(List<byte[]> templates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Request r : requests) {
            byte[] body = (r.template < templates.size() ? templates.get(r.template) : r.fuzzedBody).clone();
            for (int[] flip : r.flips) {
                if (body.length > 0) {
                    body[flip[0] % body.length] ^= (byte) flip[1];
                }
            }
            String method = METHODS[r.method];
            boolean get = method.equals("GET");
            StringBuilder head = new StringBuilder(method).append(' ').append(TARGETS[r.target]);
            if (get) {
                head.append(getPath(body, r.encoding));
            }
            if (!VERSIONS[r.version].isEmpty()) {
                head.append(' ').append(VERSIONS[r.version]);
            }
            head.append("\r\n");
            for (int h : r.headers) {
                head.append(HEADERS[h]).append("\r\n");
            }
            byte[] content = get ? new byte[0] : body;
            if (r.framing == 0) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            } else if (r.framing == 2) {
                head.append("Transfer-Encoding: chunked\r\n");
                content = chunked(content);
            }
            out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(content);
        }
        return out.toByteArray();
    }

    private static String getPath(byte[] der, int encoding) {
        String b64 = Base64.getEncoder().encodeToString(der);
        return switch (encoding) {
            case 0 -> URLEncoder.encode(b64, StandardCharsets.US_ASCII);
            case 1 -> b64;
            case 2 -> Base64.getUrlEncoder().withoutPadding().encodeToString(der);
            case 3 -> b64.substring(0, b64.length() / 2) + "%zz" + b64.substring(b64.length() / 2);
            case 4 -> b64 + "%";
            case 5 -> percentEncodeAll(b64);
            default -> new String(der, StandardCharsets.ISO_8859_1);
        };
    }

    private static String percentEncodeAll(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(String.format("%%%02X", (int) c));
        }
        return b.toString();
    }

    private static byte[] chunked(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int half = content.length / 2;
        for (int[] part : new int[][] {{0, half}, {half, content.length}}) {
            int n = part[1] - part[0];
            if (n > 0) {
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(content, part[0], n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
