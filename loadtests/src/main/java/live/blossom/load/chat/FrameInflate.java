package live.blossom.load.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a compressed server message (RFC 7692) with one inflater per swarm thread: the server
 * negotiates {@code server_no_context_takeover}, so every message inflates on its own. A viewer
 * that only checks sequences inflates just the head of a batch, where its range is.
 */
final class FrameInflate {

    /** Enough of a batch for its type, room, first, last and skipped fields. */
    static final int HEAD = 256;

    private static final FastThreadLocal<Inflater> INFLATER = new FastThreadLocal<>() {
        @Override
        protected Inflater initialValue() {
            return new Inflater(true);
        }

        @Override
        protected void onRemoval(Inflater inflater) {
            inflater.end();
        }
    };
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private FrameInflate() {
    }

    /**
     * The first {@code limit} bytes (or all) of the message whose compressed payload is
     * {@code payload}, in a buffer that is valid until this thread's next call. The sync-flush
     * tail that the wire leaves off is not needed: every symbol before it is complete.
     */
    static ByteBuf inflate(ByteBuf payload, int limit) throws DataFormatException {
        Inflater inflater = INFLATER.get();
        inflater.reset();
        inflater.setInput(payload.nioBuffer());
        byte[] out = SCRATCH.get();
        int n = 0;
        while (n < limit) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
                SCRATCH.set(out);
            }
            int k = inflater.inflate(out, n, Math.min(out.length, limit) - n);
            n += k;
            if (k == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                break;
            }
        }
        return Unpooled.wrappedBuffer(out, 0, n);
    }
}
