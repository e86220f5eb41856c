package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import corp.example.ocsp.testing.Bytes;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bytes a server wrote as HTTP/1.x responses, strictly, the way a client that sent
 * the given requests must: final responses answer the requests in order, interim (1xx), 204 and
 * 304 responses and those to HEAD have no body, every other one has exactly its Content-Length.
 */
final class HttpResponses {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9]) [\\x20-\\x7e]*");
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+): ?([\\x20-\\x7e]*)");

    private HttpResponses() {}

    /** {@code request} is the request a final response answers; null for an interim one. */
    record Response(String head, int status, Map<String, String> headers, byte[] body, Sent request) {
        /** The header's value, or null; names are case-insensitive. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** True when the server says it closes the connection after this response. */
        boolean closes() {
            String connection = header("connection");
            return "close".equalsIgnoreCase(connection)
                    || head.startsWith("HTTP/1.0") && !"keep-alive".equalsIgnoreCase(connection);
        }

        @Override
        public String toString() {
            return head.replace("\r\n", " | ") + " [" + body.length + " body bytes]";
        }
    }

    /** A request as the server's decoder read it; {@code contentLength} is -1 when absent or unreadable. */
    record Sent(HttpMethod method, String uri, long contentLength) {}

    /**
     * The requests in {@code sent}, as the server's decoder reads them: the same Netty decoder with
     * the same limits. A request the decoder cannot read counts too (as Netty's GET /bad-request).
     */
    static List<Sent> requests(byte[] sent, HttpLimits limits) {
        EmbeddedChannel shadow =
                new EmbeddedChannel(new HttpRequestDecoder(limits.maxUriBytes(), limits.maxHeaderBytes(), 8192));
        shadow.writeInbound(Unpooled.wrappedBuffer(sent));
        List<Sent> requests = new ArrayList<>();
        for (Object msg; (msg = shadow.readInbound()) != null; ) {
            if (msg instanceof HttpRequest request) {
                long length;
                try {
                    length = HttpUtil.getContentLength(request, -1L);
                } catch (NumberFormatException e) {
                    length = -1;
                }
                requests.add(new Sent(request.method(), request.uri(), length));
            }
            ReferenceCountUtil.release(msg);
        }
        shadow.finishAndReleaseAll();
        return requests;
    }

    /** The responses in {@code written}, answering {@code requests} in order. */
    static List<Response> parse(byte[] written, List<Sent> requests) {
        List<Response> responses = new ArrayList<>();
        int pos = 0;
        int answered = 0;
        while (pos < written.length) {
            int end = Bytes.indexOf(written, HEAD_END, pos);
            if (end < 0) {
                fail(
                        "response head not terminated by an empty line after %s: %s",
                        responses, new String(written, pos, written.length - pos, StandardCharsets.ISO_8859_1));
            }
            String head = new String(written, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = end + 4;
            String[] lines = head.split("\r\n", -1);
            Matcher status = STATUS_LINE.matcher(lines[0]);
            assertThat(status.matches()).as("status line %s", lines[0]).isTrue();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                Matcher h = HEADER.matcher(lines[i]);
                assertThat(h.matches()).as("header line %s", lines[i]).isTrue();
                String name = h.group(1).toLowerCase(Locale.ROOT);
                assertThat(headers.put(name, h.group(2)))
                        .as("repeated header %s in %s", name, head)
                        .isNull();
            }
            int code = Integer.parseInt(status.group(1));
            boolean interim = code < 200;
            Sent request = null;
            if (!interim) {
                assertThat(answered)
                        .as("final responses (%s) for %s requests", head, requests.size())
                        .isLessThan(requests.size());
                request = requests.get(answered++);
            }
            assertThat(headers).as("Transfer-Encoding in %s", head).doesNotContainKey("transfer-encoding");
            byte[] body = new byte[0];
            if (!interim && code != 204 && code != 304 && !HttpMethod.HEAD.equals(request.method())) {
                String length = headers.get("content-length");
                assertThat(length).as("Content-Length of %s", head).isNotNull().containsOnlyDigits();
                int n = Integer.parseInt(length);
                assertThat(written.length - pos).as("body bytes after %s", head).isGreaterThanOrEqualTo(n);
                body = Arrays.copyOfRange(written, pos, pos + n);
                pos += n;
            }
            responses.add(new Response(head, code, headers, body, request));
        }
        return responses;
    }
}
