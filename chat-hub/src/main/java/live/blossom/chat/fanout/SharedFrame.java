package live.blossom.chat.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * One server message as frame bytes written to many viewers of one loop: the plain frame, and its
 * compressed form, made on first need by a viewer that negotiated permessage-deflate. Every
 * connection of a node has the same size threshold, so the first such viewer decides for all.
 * Used only on its loop.
 */
final class SharedFrame {

    private final ByteBuf plain;
    private ByteBuf deflated;
    private boolean deflateTried;

    /** Takes over the reference to {@code plain}. */
    SharedFrame(ByteBuf plain) {
        this.plain = plain;
    }

    /** The bytes to write to {@code out}; still owned by this frame (write a retained duplicate). */
    ByteBuf bytesFor(Outbound out) {
        int minBytes = out.deflateMinBytes();
        if (minBytes < 0) {
            return plain;
        }
        if (!deflateTried) {
            deflateTried = true;
            if (WebSocketFrames.payloadLength(plain) >= minBytes) {
                deflated = WebSocketFrames.deflated(PooledByteBufAllocator.DEFAULT, plain);
                if (deflated.readableBytes() >= plain.readableBytes()) {
                    deflated.release(); // nothing gained: everyone gets the plain frame
                    deflated = null;
                }
            }
        }
        return deflated != null ? deflated : plain;
    }

    void release() {
        plain.release();
        if (deflated != null) {
            deflated.release();
            deflated = null;
        }
    }
}
