package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import live.blossom.edge.relay.MediaTag;

/**
 * Builds one viewer's FLV bytes for a batch of tags as a single composite buffer: small
 * per-viewer pieces (trailer of the previous tag + header of this one, with the viewer's
 * timestamp) interleaved with retained duplicates of the shared tag bodies. No body is copied.
 */
public final class FlvTagWriter {

    /** "FLV", version 1, audio+video, header size 9, then PreviousTagSize0 = 0. */
    private static final byte[] FILE_HEADER = {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};

    private final int formatIndex;
    private final ByteBufAllocator alloc;
    private CompositeByteBuf out;
    private ByteBuf scratch;
    private int previousTagSize = -1; // -1: the file header has not been written yet

    public FlvTagWriter(int formatIndex, ByteBufAllocator alloc) {
        this.formatIndex = formatIndex;
        this.alloc = alloc;
    }

    public void begin(int tags) {
        out = alloc.compositeDirectBuffer(2 * tags + 2);
        scratch = alloc.directBuffer(15 * tags + 13);
        if (previousTagSize < 0) {
            scratch.writeBytes(FILE_HEADER);
            previousTagSize = 0;
            addScratch(FILE_HEADER.length);
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
        scratch.release();
        scratch = null;
        CompositeByteBuf done = out;
        out = null;
        return done;
    }

    /** The trailer of the last tag, for a clean end of file. */
    public ByteBuf trailer() {
        ByteBuf b = alloc.directBuffer(4);
        b.writeInt(Math.max(previousTagSize, 0));
        return b;
    }
}
