package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the simple RTMP handshake (what a relay pulling from an origin, a test
 * publisher or a benchmark player needs): sends C0+C1 on connect, answers S1 with C2, removes
 * itself and fires {@link HandshakeDone}.
 */
public final class ClientHandshake extends ByteToMessageDecoder {

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ByteBuf c0c1 = ctx.alloc().buffer(1 + HandshakeDigest.SIZE);
        c0c1.writeByte(3);
        c0c1.writeInt(0);
        c0c1.writeInt(0);
        byte[] random = new byte[HandshakeDigest.SIZE - 8];
        ThreadLocalRandom.current().nextBytes(random);
        c0c1.writeBytes(random);
        ctx.writeAndFlush(c0c1);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 1 + 2 * HandshakeDigest.SIZE) {
            return;
        }
        int version = in.readUnsignedByte();
        if (version != 3) {
            in.skipBytes(in.readableBytes());
            throw new RtmpProtocolException("server answered RTMP version " + version);
        }
        ByteBuf c2 = in.readRetainedSlice(HandshakeDigest.SIZE); // C2 echoes S1
        in.skipBytes(HandshakeDigest.SIZE);
        ctx.writeAndFlush(c2);
        ctx.fireUserEventTriggered(new HandshakeDone(false));
        ctx.pipeline().remove(this);
    }
}
