package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts the bytes a peer sends and acknowledges them each time the peer's announced window
 * (its Window Acknowledgement Size) has been received, as RTMP 1.0 §5.4.3 asks. Sits first in
 * the pipeline so that it sees the handshake bytes too, which count.
 */
public final class AcknowledgementWindow extends ChannelInboundHandlerAdapter {

    private long received;
    private long lastAcknowledged;
    private long window;

    /** The peer's window; 0 (the default) means the peer wants no acknowledgements. */
    public void window(long size) {
        this.window = size;
    }

    public long received() {
        return received;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            received += buf.readableBytes();
            if (window > 0 && received - lastAcknowledged >= window) {
                lastAcknowledged = received;
                ctx.channel().writeAndFlush(new Acknowledgement(received));
            }
        }
        ctx.fireChannelRead(msg);
    }
}
