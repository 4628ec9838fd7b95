package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import live.blossom.edge.relay.MediaTag;

/**
 * Builds one viewer's FLV bytes for a batch of tags as a single composite buffer: small
 * per-viewer pieces (trailer of the previous tag + header of this one, with the viewer's
 * timestamp) interleaved with retained duplicates of the shared tag bodies. No body is copied.
 *
 * <p>For HTTP-FLV the writer can also frame each batch as one HTTP/1.1 chunk (size line before,
 * CRLF after, in the same small per-viewer buffer), so that the batch goes to the socket as it
 * is: no HTTP encoder between, which would allocate a size line and queue three writes per batch.
 */
public final class FlvTagWriter {

    /** "FLV", version 1, audio+video, header size 9, then PreviousTagSize0 = 0. */
    private static final byte[] FILE_HEADER = {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};
    /**
     * A chunk's size is known only once the batch is complete, so its line has a fixed width
     * (leading zeros are allowed: chunk-size = 1*HEXDIG) and is filled in last.
     */
    private static final int SIZE_DIGITS = 8;
    private static final int SIZE_LINE = SIZE_DIGITS + 2;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private final int formatIndex;
    private final ByteBufAllocator alloc;
    private final boolean httpChunks;
    private CompositeByteBuf out;
    private ByteBuf scratch;
    private int previousTagSize = -1; // -1: the file header has not been written yet

    public FlvTagWriter(int formatIndex, ByteBufAllocator alloc) {
        this(formatIndex, alloc, false);
    }

    /** @param httpChunks frame each batch (and the trailer) as HTTP/1.1 chunks */
    public FlvTagWriter(int formatIndex, ByteBufAllocator alloc, boolean httpChunks) {
        this.formatIndex = formatIndex;
        this.alloc = alloc;
        this.httpChunks = httpChunks;
    }

    public void begin(int tags) {
        out = alloc.compositeDirectBuffer(2 * tags + 3);
        scratch = alloc.directBuffer(15 * tags + FILE_HEADER.length + SIZE_LINE + 2);
        if (httpChunks) {
            scratch.writerIndex(SIZE_LINE); // filled in by finish()
        }
        if (previousTagSize < 0) {
            scratch.writeBytes(FILE_HEADER);
            previousTagSize = 0;
        }
        if (scratch.isReadable()) {
            addScratch(scratch.readableBytes());
        }
    }

    public void append(MediaTag tag, long timestamp) {
        int start = scratch.writerIndex();
        if (previousTagSize > 0) {
            scratch.writeInt(previousTagSize);
        }
        int length = tag.length();
        scratch.writeByte(tag.kind().flvType());
        scratch.writeMedium(length);
        scratch.writeMedium((int) timestamp);
        scratch.writeByte((int) (timestamp >>> 24));
        scratch.writeMedium(0);
        addScratch(scratch.writerIndex() - start);
        out.addComponent(true, tag.encoding(formatIndex).retainedDuplicate());
        previousTagSize = 11 + length;
    }

    private void addScratch(int length) {
        out.addComponent(true, scratch.retainedSlice(scratch.writerIndex() - length, length));
    }

    /** The batch's bytes (the caller owns them); the last tag's trailer goes out with the next batch. */
    public ByteBuf finish() {
        if (httpChunks) {
            sizeLine(scratch, 0, out.readableBytes() - SIZE_LINE);
            scratch.writeByte('\r').writeByte('\n');
            addScratch(2);
        }
        scratch.release();
        scratch = null;
        CompositeByteBuf done = out;
        out = null;
        return done;
    }

    /** The trailer of the last tag, for a clean end of file (for HTTP: then the last chunk). */
    public ByteBuf trailer() {
        if (!httpChunks) {
            ByteBuf b = alloc.directBuffer(4);
            b.writeInt(Math.max(previousTagSize, 0));
            return b;
        }
        ByteBuf b = alloc.directBuffer(SIZE_LINE + 4 + 2 + LAST_CHUNK.length);
        sizeLine(b, 0, 4);
        b.writerIndex(SIZE_LINE).writeInt(Math.max(previousTagSize, 0)).writeByte('\r').writeByte('\n')
                .writeBytes(LAST_CHUNK);
        return b;
    }

    private static void sizeLine(ByteBuf b, int at, int size) {
        for (int i = SIZE_DIGITS - 1; i >= 0; i--) {
            b.setByte(at + i, HEX[size & 0xF]);
            size >>>= 4;
        }
        b.setByte(at + SIZE_DIGITS, '\r');
        b.setByte(at + SIZE_DIGITS + 1, '\n');
    }
}
