package live.blossom.load.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a compressed server message (RFC 7692) with one inflater per swarm thread: the server
 * negotiates {@code server_no_context_takeover}, so every message inflates on its own.
 *
 * <p>A node writes the same compressed bytes to all its viewers of a batch, and one swarm thread
 * holds thousands of them, so each thread remembers the last few messages it inflated, keyed by
 * their exact compressed bytes: a message equal to one of them, byte for byte, inflates to the
 * same text, and the swarm spends its share of the two cores reading sockets instead of
 * inflating one batch thousands of times (a profile of the 100,000-viewer room had zlib at 30% of
 * the swarm's CPU). Every viewer still receives and checks its own frame.
 */
final class FrameInflate {

    /** Distinct messages remembered per thread: a few event loops' copies of the current batch. */
    private static final int REMEMBERED = 4;
    private static final FastThreadLocal<FrameInflate> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected FrameInflate initialValue() {
            return new FrameInflate();
        }

        @Override
        protected void onRemoval(FrameInflate inflate) {
            inflate.inflater.end();
        }
    };

    private final Inflater inflater = new Inflater(true);
    private final byte[][] compressed = new byte[REMEMBERED][];
    private final byte[][] inflated = new byte[REMEMBERED][];
    private int nextSlot;
    private byte[] scratch = new byte[64 * 1024];

    private FrameInflate() {
    }

    /**
     * The message whose compressed payload is {@code payload}, in a buffer that is valid until
     * this thread has inflated {@value #REMEMBERED} other messages. The sync-flush tail that the
     * wire leaves off is not needed: every symbol before it is complete.
     */
    static ByteBuf inflate(ByteBuf payload) throws DataFormatException {
        return PER_THREAD.get().lookupOrInflate(payload);
    }

    private ByteBuf lookupOrInflate(ByteBuf payload) throws DataFormatException {
        int length = payload.readableBytes();
        ByteBuffer wire = payload.nioBuffer(); // its equals compares whole words at a time
        for (int i = 0; i < REMEMBERED; i++) {
            byte[] c = compressed[i];
            if (c != null && c.length == length && wire.equals(ByteBuffer.wrap(c))) {
                return Unpooled.wrappedBuffer(inflated[i]);
            }
        }
        byte[] text = inflateAll(wire);
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % REMEMBERED;
        compressed[slot] = ByteBufUtil.getBytes(payload);
        inflated[slot] = text;
        return Unpooled.wrappedBuffer(text);
    }

    private byte[] inflateAll(ByteBuffer wire) throws DataFormatException {
        inflater.reset();
        inflater.setInput(wire);
        int n = 0;
        while (true) {
            if (n == scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            int k = inflater.inflate(scratch, n, scratch.length - n);
            n += k;
            if (k == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                return Arrays.copyOf(scratch, n);
            }
        }
    }
}
