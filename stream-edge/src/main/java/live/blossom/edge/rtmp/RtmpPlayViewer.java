package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.TagKind;
import live.blossom.edge.relay.Viewer;

/**
 * An RTMP player. A tag that follows, at the stream's distance, the last one this player got on
 * its chunk stream is written as the shared bytes with their type-1 (relative) header: one
 * retained duplicate, nothing of its own. Any other tag (the first of each kind, after a skip, a
 * host's reconnect, metadata) gets the player's own type-0 header (its timestamp) followed by the
 * shared chunked body. One flush per batch. Only past the 24-bit timestamp range (4.6 h of
 * watching) does a multi-chunk message with a type-0 header get encoded for this viewer alone,
 * since each continuation chunk then repeats the viewer's timestamp.
 *
 * <p>Writes enter the pipeline at its first handler: they are finished RTMP bytes, and the
 * handlers behind it (the chunk encoder, the handshake, the session) would only pass them on,
 * a lookup and a call each, per viewer and tag.
 */
final class RtmpPlayViewer extends Viewer {

    private final Channel channel;
    private final int streamId;
    private final int formatIndex;
    private final int chunkSize;
    private final ChannelHandlerContext out;
    /** The timestamp last written on the audio and the video chunk stream, -1 before any. */
    private final long[] lastOnChunkStream = {-1, -1};
    private ByteBuf headers;
    private int batchSize;

    RtmpPlayViewer(Channel channel, int streamId, int formatIndex, int chunkSize) {
        super(channel.eventLoop(), "rtmp");
        this.channel = channel;
        this.streamId = streamId;
        this.formatIndex = formatIndex;
        this.chunkSize = chunkSize;
        this.out = channel.pipeline().firstContext();
    }

    @Override
    protected boolean writable() {
        return channel.isWritable();
    }

    @Override
    protected void begin(int count) {
        batchSize = count;
    }

    @Override
    protected void append(MediaTag tag, long timestamp) {
        int type = tag.kind().flvType();
        int csid = MessageType.chunkStreamFor(type);
        int slot = tag.kind() == TagKind.AUDIO ? 0 : tag.kind() == TagKind.VIDEO ? 1 : -1;
        ByteBuf shared = tag.encoding(formatIndex);
        int offset = RtmpFormat.bodyOffset(tag); // > 0 only for audio and video
        if (offset > 0 && lastOnChunkStream[slot] >= 0 && timestamp - lastOnChunkStream[slot] == tag.sincePrevious()) {
            out.write(shared.retainedDuplicate(), channel.voidPromise());
            lastOnChunkStream[slot] = timestamp;
            return;
        }
        if (slot >= 0) {
            lastOnChunkStream[slot] = timestamp;
        }
        int length = tag.length();
        if (timestamp >= 0xFFFFFF && length > chunkSize) {
            ByteBuf own = channel.alloc().directBuffer(length + 16 + 5 * (length / chunkSize + 1));
            ChunkEncoder.writeMessage(own, csid, type, streamId, timestamp, tag.payload(), chunkSize);
            out.write(own, channel.voidPromise());
            return;
        }
        if (headers == null) {
            headers = channel.alloc().directBuffer(16 * batchSize);
        }
        int start = headers.writerIndex();
        ChunkEncoder.writeType0Header(headers, csid, type, streamId, timestamp, length);
        out.write(headers.retainedSlice(start, headers.writerIndex() - start), channel.voidPromise());
        out.write(offset == 0 ? shared.retainedDuplicate() : shared.retainedSlice(offset, shared.readableBytes() - offset),
                channel.voidPromise());
    }

    @Override
    protected void commit() {
        if (headers != null) {
            headers.release();
            headers = null;
        }
        out.flush();
    }

    @Override
    protected void finish() {
        channel.write(UserControl.streamEof(streamId));
        channel.write(RtmpReplies.status(streamId, "status", "NetStream.Play.UnpublishNotify", "The stream ended."));
        channel.writeAndFlush(RtmpReplies.status(streamId, "status", "NetStream.Play.Stop", "Stopped playing."))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void disconnect(String reason) {
        channel.close();
    }
}
