package corp.example.ocsp.http.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpContentException;
import java.nio.charset.StandardCharsets;

/**
 * Netty's {@link HttpObjectAggregator}, except that it answers no request itself, so that every
 * answer leaves in request order through {@link OcspHttpHandler}:
 *
 * <ul>
 *   <li>a body over the limit becomes a request whose decoder result is a
 *       {@link TooLongHttpContentException}, which the handler answers 413 in its turn and then
 *       closes (Netty's own 413 overtook the answers still being signed for earlier pipelined
 *       requests, so a client took it for one of theirs);
 *   <li>{@code 100 Continue} is written as bytes before the HTTP codec, because the codec pairs
 *       each response it encodes with a request, and took the 100 for the answer to the request
 *       after it: the answer to a pipelined HEAD then lost its body and the next kept its own;
 *   <li>expectations other than 100-continue are ignored, as RFC 9110 §10.1.1 allows, instead
 *       of answered 417 and closed.
 * </ul>
 */
final class InOrderAggregator extends HttpObjectAggregator {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    InOrderAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (start.decoderResult().isSuccess()
                && HttpUtil.is100ContinueExpected(start)
                && contentLength(start) <= maxContentLength) {
            start.headers().remove(HttpHeaderNames.EXPECT);
            pipeline.context(OcspChannelInitializer.CODEC).writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
        }
        return null; // a Content-Length over the limit goes on to handleOversizedMessage
    }

    private static long contentLength(HttpMessage message) {
        try {
            return HttpUtil.getContentLength(message, -1L);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpRequest tooLarge = new DefaultFullHttpRequest(
                request.protocolVersion(), request.method(), request.uri(), Unpooled.EMPTY_BUFFER);
        tooLarge.headers().set(request.headers());
        tooLarge.setDecoderResult(DecoderResult.failure(
                new TooLongHttpContentException("body larger than " + maxContentLength() + " bytes")));
        ctx.fireChannelRead(tooLarge);
    }
}
