package corp.example.ocsp.http.soak;

import corp.example.ocsp.testing.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Sends OCSP requests over loopback the ways real clients do: POST and GET on kept-alive HTTP/1.1
 * connections ({@link HttpClient}, as a browser or a CDN), and POST and GET as HTTP/1.0 with a
 * connection per request (raw sockets, as Apache mod_ssl and nginx fetch). Thread-safe.
 */
final class OcspClient {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    enum Transport {
        POST_KEEPALIVE("POST keep-alive"),
        GET_KEEPALIVE("GET keep-alive"),
        POST_HTTP10("POST HTTP/1.0"),
        GET_HTTP10("GET HTTP/1.0");

        final String label;

        Transport(String label) {
            this.label = label;
        }
    }

    /** What came back: the HTTP status, the Content-Type (or null) and the body. */
    record HttpAnswer(int status, String contentType, byte[] body) {}

    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    OcspClient(int port) {
        this.port = port;
    }

    HttpAnswer send(Transport transport, byte[] request) throws IOException, InterruptedException {
        return switch (transport) {
            case POST_KEEPALIVE ->
                viaHttpClient(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)));
            case GET_KEEPALIVE ->
                viaHttpClient(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + getPath(request)))
                        .GET());
            case POST_HTTP10 ->
                http10(
                        ("POST / HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request\r\n"
                                        + "Content-Length: " + request.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1),
                        request);
            case GET_HTTP10 ->
                http10(
                        ("GET " + getPath(request) + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1),
                        new byte[0]);
        };
    }

    /** RFC 6960 A.1: the URL-encoded base64 of the DER request. */
    static String getPath(byte[] request) {
        return "/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
    }

    private HttpAnswer viaHttpClient(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new HttpAnswer(
                r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    /** One request on a new connection; the answer is read to the end of the stream, as HTTP/1.0 clients do. */
    private HttpAnswer http10(byte[] head, byte[] body) throws IOException {
        byte[] all;
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            all = b.toByteArray();
        }
        int end = Bytes.indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("HTTP/1.0 answer without a complete header (" + all.length + " bytes)");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + lines[0]);
        }
        String contentType = null;
        int length = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = colon < 0 ? "" : lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        byte[] content = Arrays.copyOfRange(all, end + 4, all.length);
        if (length >= 0 && content.length != length) {
            throw new IOException("HTTP/1.0 answer of " + content.length + " bytes, Content-Length " + length);
        }
        return new HttpAnswer(Integer.parseInt(statusLine[1]), contentType, content);
    }
}
