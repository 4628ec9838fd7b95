package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.TagKind;
import live.blossom.edge.relay.OutputFormat;

/**
 * RTMP's shared encoding of a tag: the message body split into chunks at the play chunk size
 * with type-3 separators, everything after the first header. An audio or video tag that follows
 * another of its kind is preceded by a type-1 header with the time since that one: a viewer that
 * got the previous tag at the same distance (every viewer in step with the stream) writes these
 * bytes as they are, one buffer and no header of its own. Other viewers write their own type-0
 * header and the body after the shared header ({@link #bodyOffset}). A body that fits one chunk,
 * without a shared header, is the payload itself (no copy).
 */
public final class RtmpFormat implements OutputFormat {

    private final int chunkSize;

    public RtmpFormat(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** Whether the shared bytes of {@code tag} start with a type-1 header. */
    static boolean chained(MediaTag tag) {
        long delta = tag.sincePrevious();
        return tag.kind() != TagKind.DATA && delta >= 0 && delta < 0xFFFFFF;
    }

    /** Where the chunked body starts in the shared bytes of {@code tag}. */
    static int bodyOffset(MediaTag tag) {
        return chained(tag) ? ChunkEncoder.type1HeaderSize(MessageType.chunkStreamFor(tag.kind().flvType())) : 0;
    }

    @Override
    public ByteBuf encode(MediaTag tag, ByteBufAllocator alloc) {
        ByteBuf payload = tag.payload();
        boolean chained = chained(tag);
        if (!chained && payload.readableBytes() <= chunkSize) {
            return payload.retainedDuplicate();
        }
        int type = tag.kind().flvType();
        int csid = MessageType.chunkStreamFor(type);
        int length = payload.readableBytes();
        ByteBuf out = alloc.directBuffer(bodyOffset(tag) + ChunkEncoder.sharedBodySize(csid, length, chunkSize));
        if (chained) {
            ChunkEncoder.writeType1Header(out, csid, type, tag.sincePrevious(), length);
        }
        ChunkEncoder.writeSharedBody(out, csid, payload, chunkSize);
        return out;
    }
}
