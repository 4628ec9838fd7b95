package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.OutputFormat;

/**
 * RTMP's shared encoding of a tag: the message body split into chunks at the play chunk size
 * with type-3 separators, everything after the first header. A body that fits one chunk is
 * the payload itself (no copy). Each viewer adds only its own type-0 header.
 */
public final class RtmpFormat implements OutputFormat {

    private final int chunkSize;

    public RtmpFormat(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public ByteBuf encode(MediaTag tag, ByteBufAllocator alloc) {
        ByteBuf payload = tag.payload();
        if (payload.readableBytes() <= chunkSize) {
            return payload.retainedDuplicate();
        }
        int csid = MessageType.chunkStreamFor(tag.kind().flvType());
        ByteBuf out = alloc.directBuffer(ChunkEncoder.sharedBodySize(csid, payload.readableBytes(), chunkSize));
        ChunkEncoder.writeSharedBody(out, csid, payload, chunkSize);
        return out;
    }
}
