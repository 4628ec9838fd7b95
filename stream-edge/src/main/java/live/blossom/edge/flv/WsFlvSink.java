package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.concurrent.TimeUnit;

/** WebSocket-FLV: each batch is a binary frame of FLV bytes (or a few, if large), as flv.js and mpegts.js read them. */
final class WsFlvSink implements FlvSink {

    /** A too-slow viewer may never read its close frame; its connection goes this long after. */
    private static final long ABORT_CLOSE_MILLIS = 1000;
    static final int MAX_FRAME = 65536;

    private final ChannelHandlerContext ctx;

    WsFlvSink(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(ByteBuf batch) {
        // A new player's first batch carries the cached GOP, often larger than clients take in one
        // frame (64 KiB in Vert.x and Netty by default). The byte stream does not care where frames
        // end, so a large batch goes as several frames over slices of the same buffer.
        while (batch.readableBytes() > MAX_FRAME) {
            ctx.write(new BinaryWebSocketFrame(batch.readRetainedSlice(MAX_FRAME)), ctx.voidPromise());
        }
        ctx.writeAndFlush(new BinaryWebSocketFrame(batch), ctx.voidPromise());
    }

    @Override
    public void end(ByteBuf last) {
        ctx.write(new BinaryWebSocketFrame(last), ctx.voidPromise());
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE.code(), "stream ended"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void abort() {
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION.code(), "too slow"))
                .addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> ctx.close(), ABORT_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
