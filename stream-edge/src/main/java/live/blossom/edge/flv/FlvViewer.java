package live.blossom.edge.flv;

import io.netty.channel.Channel;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.Viewer;

/**
 * An HTTP-FLV or WebSocket-FLV viewer. Each batch becomes one composite buffer (per-viewer
 * headers around retained duplicates of the shared bodies) and one write and flush on the
 * connection, straight to its Netty pipeline. Backpressure reads the channel's writability.
 */
public final class FlvViewer extends Viewer {

    private final Channel channel;
    private final FlvSink sink;
    private final FlvTagWriter writer;

    /** @param httpChunks each batch framed as an HTTP/1.1 chunk (see {@link FlvTagWriter}) */
    FlvViewer(Channel channel, String protocol, FlvSink sink, int formatIndex, boolean httpChunks) {
        super(channel.eventLoop(), protocol);
        this.channel = channel;
        this.sink = sink;
        this.writer = new FlvTagWriter(formatIndex, channel.alloc(), httpChunks);
    }

    @Override
    protected boolean writable() {
        return channel.isWritable();
    }

    @Override
    protected void begin(int count) {
        writer.begin(count);
    }

    @Override
    protected void append(MediaTag tag, long timestamp) {
        writer.append(tag, timestamp);
    }

    @Override
    protected void commit() {
        sink.write(writer.finish());
    }

    @Override
    protected void finish() {
        sink.end(writer.trailer());
    }

    @Override
    protected void disconnect(String reason) {
        sink.abort();
    }
}
