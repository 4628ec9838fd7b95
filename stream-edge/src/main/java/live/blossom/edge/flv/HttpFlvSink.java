package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The body of a chunked HTTP-FLV response. Plain buffers go to the connection's HTTP encoder,
 * which frames each as one chunk around the same buffer (no copy).
 */
final class HttpFlvSink implements FlvSink {

    private final ChannelHandlerContext ctx;

    HttpFlvSink(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(ByteBuf batch) {
        // A void promise: no future per write; a failed write surfaces as exceptionCaught and closes.
        ctx.writeAndFlush(batch, ctx.voidPromise());
    }

    @Override
    public void end(ByteBuf last) {
        ctx.write(last, ctx.voidPromise());
        // The terminating chunk tells the player the file is complete, not cut off.
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void abort() {
        ctx.close();
    }
}
