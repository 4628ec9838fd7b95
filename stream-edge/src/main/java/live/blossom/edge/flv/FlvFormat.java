package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.OutputFormat;

/**
 * FLV's shared encoding of a tag is the tag body itself (no copy): the 11-byte tag header and
 * the 4-byte trailer carry the viewer's own timestamp and come from {@link FlvTagWriter}.
 */
public final class FlvFormat implements OutputFormat {

    @Override
    public ByteBuf encode(MediaTag tag, ByteBufAllocator alloc) {
        return tag.payload().retainedDuplicate();
    }
}
