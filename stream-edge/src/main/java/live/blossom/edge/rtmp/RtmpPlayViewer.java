package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.Viewer;

/**
 * An RTMP player. Per tag it writes its own type-0 header (its timestamp) followed by a
 * retained duplicate of the shared chunked body; one flush per batch. Only past the 24-bit
 * timestamp range (4.6 h of watching) does a multi-chunk message get encoded for this viewer
 * alone, since each continuation chunk then repeats the viewer's timestamp.
 */
final class RtmpPlayViewer extends Viewer {

    private final Channel channel;
    private final int streamId;
    private final int formatIndex;
    private final int chunkSize;
    private ByteBuf headers;

    RtmpPlayViewer(Channel channel, int streamId, int formatIndex, int chunkSize) {
        super(channel.eventLoop(), "rtmp");
        this.channel = channel;
        this.streamId = streamId;
        this.formatIndex = formatIndex;
        this.chunkSize = chunkSize;
    }

    @Override
    protected boolean writable() {
        return channel.isWritable();
    }

    @Override
    protected void begin(int count) {
        headers = channel.alloc().directBuffer(16 * count);
    }

    @Override
    protected void append(MediaTag tag, long timestamp) {
        int type = tag.kind().flvType();
        int csid = MessageType.chunkStreamFor(type);
        int length = tag.length();
        if (timestamp >= 0xFFFFFF && length > chunkSize) {
            ByteBuf own = channel.alloc().directBuffer(length + 16 + 5 * (length / chunkSize + 1));
            ChunkEncoder.writeMessage(own, csid, type, streamId, timestamp, tag.payload(), chunkSize);
            channel.write(own, channel.voidPromise());
            return;
        }
        int start = headers.writerIndex();
        ChunkEncoder.writeType0Header(headers, csid, type, streamId, timestamp, length);
        channel.write(headers.retainedSlice(start, headers.writerIndex() - start), channel.voidPromise());
        channel.write(tag.encoding(formatIndex).retainedDuplicate(), channel.voidPromise());
    }

    @Override
    protected void commit() {
        headers.release();
        headers = null;
        channel.flush();
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
