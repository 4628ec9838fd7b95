package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server side of the RTMP handshake. Reads C0+C1; when C1 carries a valid digest (its
 * version field is non-zero and one of the two offset schemes checks out) answers with a
 * signed S1 and an S2 keyed by the client's digest, otherwise falls back to the simple
 * handshake (S2 echoes C1). Then waits for C2, removes itself, fires {@link HandshakeDone}
 * and passes any bytes that came after C2 on to the chunk decoder.
 */
public final class ServerHandshake extends ByteToMessageDecoder {

    /** Version S1 advertises in the digest handshake (as FMS 3.5 servers do). */
    private static final byte[] SERVER_VERSION = {0x04, 0x05, 0x00, 0x01};

    private boolean sentS0S1S2;
    private boolean digest;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!sentS0S1S2) {
            if (in.readableBytes() < 1 + HandshakeDigest.SIZE) {
                return;
            }
            int version = in.readUnsignedByte();
            if (version != 3) {
                in.skipBytes(in.readableBytes());
                throw new RtmpProtocolException("unsupported RTMP version " + version + " (encrypted RTMPE is not offered)");
            }
            byte[] c1 = new byte[HandshakeDigest.SIZE];
            in.readBytes(c1);
            ByteBuf reply = ctx.alloc().buffer(1 + 2 * HandshakeDigest.SIZE);
            reply.writeByte(3);
            reply.writeBytes(respond(c1));
            ctx.writeAndFlush(reply);
            sentS0S1S2 = true;
        }
        if (in.readableBytes() < HandshakeDigest.SIZE) {
            return;
        }
        in.skipBytes(HandshakeDigest.SIZE); // C2: clients differ too much in what they echo to check it
        ctx.fireUserEventTriggered(new HandshakeDone(digest));
        ctx.pipeline().remove(this);
    }

    /** S1 followed by S2 for the given C1. */
    byte[] respond(byte[] c1) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] s1 = new byte[HandshakeDigest.SIZE];
        random.nextBytes(s1);
        int now = (int) (System.nanoTime() / 1_000_000);
        s1[0] = (byte) (now >>> 24);
        s1[1] = (byte) (now >>> 16);
        s1[2] = (byte) (now >>> 8);
        s1[3] = (byte) now;
        boolean clientVersioned = c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0;
        int clientDigestAt = clientVersioned
                ? HandshakeDigest.findDigest(c1, HandshakeDigest.PLAYER_KEY, HandshakeDigest.PLAYER_PARTIAL) : -1;
        byte[] s2;
        if (clientDigestAt >= 0) {
            digest = true;
            System.arraycopy(SERVER_VERSION, 0, s1, 4, 4);
            HandshakeDigest.sign(s1, HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_PARTIAL);
            byte[] clientDigest = Arrays.copyOfRange(c1, clientDigestAt, clientDigestAt + HandshakeDigest.DIGEST);
            byte[] noise = new byte[HandshakeDigest.SIZE];
            random.nextBytes(noise);
            s2 = HandshakeDigest.answer(clientDigest, HandshakeDigest.SERVER_KEY, noise);
        } else {
            // Simple handshake: zero version, S2 echoes C1.
            s1[4] = s1[5] = s1[6] = s1[7] = 0;
            s2 = c1;
        }
        byte[] both = Arrays.copyOf(s1, 2 * HandshakeDigest.SIZE);
        System.arraycopy(s2, 0, both, HandshakeDigest.SIZE, HandshakeDigest.SIZE);
        return both;
    }
}
