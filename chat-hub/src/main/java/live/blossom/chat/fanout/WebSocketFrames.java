package live.blossom.chat.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Final unmasked text frames as raw bytes (RFC 6455 §5.2). A server frame is the same bytes for
 * every receiver, so one encoding can be written to thousands of sockets as retained duplicates.
 *
 * <p>The compressed form (RFC 7692, permessage-deflate) is shared the same way: the server always
 * negotiates {@code server_no_context_takeover}, so each message is deflated on its own and one
 * compression serves every viewer that accepted the extension.
 */
public final class WebSocketFrames {

    /** Deflate's sync-flush marker, which RFC 7692 §7.2.1 leaves off the wire. */
    private static final int TAIL = 4;
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(
            () -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private WebSocketFrames() {
    }

    /** A direct buffer holding header + UTF-8 payload; the caller owns the one reference. */
    public static ByteBuf text(ByteBufAllocator alloc, String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = header(alloc, 0x81, payload.length); // FIN + opcode 1 (text)
        return buf.writeBytes(payload);
    }

    /** Payload length of a frame made by {@link #text}. */
    public static int payloadLength(ByteBuf frame) {
        return frame.readableBytes() - headerLength(frame);
    }

    /**
     * The text frame {@code plain} (made by {@link #text}) with its payload compressed and RSV1
     * set; the caller owns the reference.
     */
    public static ByteBuf deflated(ByteBufAllocator alloc, ByteBuf plain) {
        int header = headerLength(plain);
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        // Read straight from the frame's buffer (a direct one, without a copy to the heap).
        deflater.setInput(plain.nioBuffer(plain.readerIndex() + header, plain.readableBytes() - header));
        byte[] out = SCRATCH.get();
        int size = 0;
        while (true) {
            size += deflater.deflate(out, size, out.length - size, Deflater.SYNC_FLUSH);
            if (size < out.length) {
                break; // a sync flush that leaves room in the buffer has written everything
            }
            out = java.util.Arrays.copyOf(out, out.length * 2);
            SCRATCH.set(out);
        }
        int compressed = size - TAIL;
        return header(alloc, 0xC1, compressed).writeBytes(out, 0, compressed); // FIN + RSV1 + text
    }

    private static ByteBuf header(ByteBufAllocator alloc, int first, int len) {
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuf buf = alloc.directBuffer(header + len, header + len);
        buf.writeByte(first);
        if (len < 126) {
            buf.writeByte(len);
        } else if (len < 65536) {
            buf.writeByte(126).writeShort(len);
        } else {
            buf.writeByte(127).writeLong(len);
        }
        return buf;
    }

    private static int headerLength(ByteBuf frame) {
        int len = frame.getByte(frame.readerIndex() + 1) & 0x7f;
        return len < 126 ? 2 : len == 126 ? 4 : 10;
    }
}
