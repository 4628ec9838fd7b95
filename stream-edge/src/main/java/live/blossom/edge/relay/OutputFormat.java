package live.blossom.edge.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * An output's shared encoding of a tag: the bytes every viewer of that output receives for it,
 * made once when the tag enters the relay. Per-viewer bytes (headers with rebased timestamps)
 * are the output's business.
 */
public interface OutputFormat {

    /** The shared bytes for this tag; the relay owns the returned buffer and releases it with the tag. */
    ByteBuf encode(MediaTag tag, ByteBufAllocator alloc);
}
