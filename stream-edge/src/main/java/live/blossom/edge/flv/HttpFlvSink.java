package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The body of a chunked HTTP-FLV response. The batches come framed as chunks already (the
 * viewer's {@link FlvTagWriter} does it) and go straight to the socket: the connection's HTTP
 * encoder is removed once it has written the response head.
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
        // The FLV trailer's chunk and then the last chunk: the player knows the file is complete, not cut off.
        ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void abort() {
        ctx.close();
    }
}
