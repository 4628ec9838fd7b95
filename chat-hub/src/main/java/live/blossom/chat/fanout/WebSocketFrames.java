package live.blossom.chat.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Final unmasked text frames as raw bytes (RFC 6455 §5.2). A server frame is the same bytes for
 * every receiver, so one encoding can be written to thousands of sockets as retained duplicates.
 */
public final class WebSocketFrames {

    private WebSocketFrames() {
    }

    /** A direct buffer holding header + UTF-8 payload; the caller owns the one reference. */
    public static ByteBuf text(ByteBufAllocator alloc, String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuf buf = alloc.directBuffer(header + len, header + len);
        buf.writeByte(0x81); // FIN + opcode 1 (text)
        if (len < 126) {
            buf.writeByte(len);
        } else if (len < 65536) {
            buf.writeByte(126).writeShort(len);
        } else {
            buf.writeByte(127).writeLong(len);
        }
        return buf.writeBytes(payload);
    }
}
