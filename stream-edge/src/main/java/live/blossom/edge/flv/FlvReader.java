package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;

/**
 * Reads FLV bytes as they arrive (file or HTTP/WS stream) and hands out whole tags. Resumable
 * across arbitrary splits; a tag over the size limit is a malformed stream.
 */
public final class FlvReader {

    /** One FLV tag: type 8 audio, 9 video, 18 script data; the payload is a slice valid during the callback. */
    public interface TagHandler {
        void tag(int type, long timestamp, ByteBuf payload);
    }

    private final int maxTagSize;
    private boolean headerRead;

    public FlvReader(int maxTagSize) {
        this.maxTagSize = maxTagSize;
    }

    /** Consumes every whole tag in {@code in}, leaving a partial one unread. */
    public void read(ByteBuf in, TagHandler handler) {
        if (!headerRead) {
            if (in.readableBytes() < 13) {
                return;
            }
            if (in.getByte(in.readerIndex()) != 'F' || in.getByte(in.readerIndex() + 1) != 'L'
                    || in.getByte(in.readerIndex() + 2) != 'V') {
                throw new IllegalArgumentException("not an FLV stream");
            }
            int headerSize = (int) in.getUnsignedInt(in.readerIndex() + 5);
            if (in.readableBytes() < headerSize + 4) {
                return;
            }
            in.skipBytes(headerSize + 4); // header and PreviousTagSize0
            headerRead = true;
        }
        while (in.readableBytes() >= 11) {
            int at = in.readerIndex();
            int type = in.getUnsignedByte(at) & 0x1F;
            int size = in.getUnsignedMedium(at + 1);
            if (size > maxTagSize) {
                throw new IllegalArgumentException("FLV tag of " + size + " bytes over the limit");
            }
            if (in.readableBytes() < 11 + size + 4) {
                return;
            }
            long ts = in.getUnsignedMedium(at + 4) | ((long) in.getUnsignedByte(at + 7) << 24);
            handler.tag(type, ts, in.slice(at + 11, size));
            in.skipBytes(11 + size + 4);
        }
    }
}
