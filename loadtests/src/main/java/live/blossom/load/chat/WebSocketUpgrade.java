package live.blossom.load.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a WebSocket upgrade at the least cost per connection, for swarms of tens of
 * thousands: one pre-built request (a fixed key, which RFC 6455 allows a client to choose), the
 * answer checked for status 101 and the matching {@code Sec-WebSocket-Accept}, then Netty's
 * frame codec in its place. Fires {@link #UPGRADED} down the pipeline when done. Like a browser,
 * it offers permessage-deflate; a server that accepts must promise
 * {@code server_no_context_takeover}, since the swarm inflates each message on its own.
 */
final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {

    static final Object UPGRADED = "websocket-upgraded";
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** base64(sha1(KEY + the RFC's GUID)), from RFC 6455 §1.3. */
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final int MAX_HEAD = 4096;

    private final ByteBuf request;
    private final WebSocketDecoderConfig decoderConfig;
    private ByteBuf head;

    WebSocketUpgrade(ByteBuf request, WebSocketDecoderConfig decoderConfig) {
        this.request = request;
        this.decoderConfig = decoderConfig;
    }

    /** The request bytes for one host and path, shared (as duplicates) by every connection. */
    static ByteBuf request(String host, int port, String path) {
        String text = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n\r\n";
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(request.duplicate(), ctx.voidPromise());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (head == null) {
            head = ctx.alloc().buffer(256);
        }
        head.writeBytes(in);
        in.release();
        int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(new byte[] {'\r', '\n', '\r', '\n'}), head);
        if (end < 0) {
            if (head.readableBytes() > MAX_HEAD) {
                ctx.close();
            }
            return;
        }
        String answer = head.toString(head.readerIndex(), end - head.readerIndex(), StandardCharsets.US_ASCII);
        head.readerIndex(end + 4);
        if (!answer.startsWith("HTTP/1.1 101") || !answer.contains(ACCEPT)
                || answer.contains("permessage-deflate") && !answer.contains("server_no_context_takeover")) {
            head.release();
            ctx.close();
            return;
        }
        ctx.pipeline().addAfter(ctx.name(), "ws-decoder", new WebSocket13FrameDecoder(decoderConfig));
        ctx.pipeline().addAfter(ctx.name(), "ws-encoder", new WebSocket13FrameEncoder(true));
        ByteBuf rest = head;
        head = null;
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(UPGRADED);
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (head != null) {
            head.release();
            head = null;
        }
    }
}
