package live.blossom.chat.ws;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one connection's compressed messages (RFC 7692 §7.2.2). The inflater is made at the
 * first compressed message, so the many viewers who only read hold none, and kept across
 * messages, since a client may compress with context takeover. Output is bounded by the frame
 * limit: a small message that inflates past it is refused like an oversize frame.
 */
final class MessageInflater {

    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final int maxBytes;
    private Inflater inflater;

    MessageInflater(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The text of a compressed message's payload. */
    String inflate(ByteBuf payload) throws TooLongFrameException, DataFormatException {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        byte[] in = new byte[payload.readableBytes() + TAIL.length];
        payload.getBytes(payload.readerIndex(), in, 0, payload.readableBytes());
        System.arraycopy(TAIL, 0, in, payload.readableBytes(), TAIL.length);
        inflater.setInput(in);
        byte[] out = new byte[Math.min(maxBytes + 1, Math.max(256, in.length * 4))];
        int size = 0;
        while (!inflater.needsInput() && !inflater.finished()) {
            if (size == out.length) {
                if (size > maxBytes) {
                    throw new TooLongFrameException("inflated message over " + maxBytes + " bytes");
                }
                out = java.util.Arrays.copyOf(out, Math.min(maxBytes + 1, out.length * 2));
            }
            int n = inflater.inflate(out, size, out.length - size);
            if (n == 0 && inflater.needsDictionary()) {
                throw new DataFormatException("preset dictionary");
            }
            size += n;
        }
        if (size > maxBytes) {
            throw new TooLongFrameException("inflated message over " + maxBytes + " bytes");
        }
        if (inflater.finished()) {
            // The client ended its stream with a final block; its next message starts a new one.
            inflater.reset();
        }
        return new String(out, 0, size, StandardCharsets.UTF_8);
    }

    void close() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
