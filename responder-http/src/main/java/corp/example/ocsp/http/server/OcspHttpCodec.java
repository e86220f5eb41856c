package corp.example.ocsp.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Netty's {@code HttpServerCodec} (a request decoder and a response encoder that pairs each response
 * with its request's method, so an answer to HEAD has no body), plus one message it writes as it
 * is: an {@link EncodedAnswer}, a whole HTTP response already in bytes. OCSP answers go that way,
 * so the hot path builds no header map, validates and encodes no header per response and copies
 * no body into a second buffer; everything else (errors, 304, 100 Continue) is encoded by Netty.
 */
final class OcspHttpCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(2);

    OcspHttpCodec(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(maxInitialLineLength)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(maxChunkSize);
        init(new Decoder(config), new Encoder());
    }

    /** A whole HTTP response in bytes, written by {@link OcspHttpCodec} without encoding. */
    static final class EncodedAnswer extends io.netty.buffer.DefaultByteBufHolder {
        EncodedAnswer(ByteBuf bytes) {
            super(bytes);
        }
    }

    private final class Decoder extends HttpRequestDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof HttpRequest request) {
                    methods.add(request.method());
                }
            }
        }
    }

    private final class Encoder extends HttpResponseEncoder {
        private HttpMethod method;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof EncodedAnswer answer) {
                methods.poll(); // its request's turn is taken, as an encoded response's would be
                ctx.write(answer.content(), promise);
            } else {
                super.write(ctx, msg, promise);
            }
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty
                    && HttpMethod.CONNECT.equals(method)
                    && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING); // RFC 7230 §3.3.1
                return;
            }
            super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
        }
    }
}
