package live.blossom.load.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a compressed server message (RFC 7692) with one inflater per swarm thread: the server
 * negotiates {@code server_no_context_takeover}, so every message inflates on its own. Batches
 * are inflated once per distinct message and thread ({@link RecentBatches}).
 */
final class FrameInflate {

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
    private byte[] scratch = new byte[64 * 1024];

    private FrameInflate() {
    }

    /**
     * The message whose compressed payload is {@code payload}. The sync-flush tail that the wire
     * leaves off is not needed: every symbol before it is complete.
     */
    static ByteBuf inflate(ByteBuf payload) throws DataFormatException {
        return Unpooled.wrappedBuffer(PER_THREAD.get().inflateAll(payload.nioBuffer()));
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
