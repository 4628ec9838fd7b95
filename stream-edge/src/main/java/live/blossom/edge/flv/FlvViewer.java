package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.vertx.core.internal.buffer.BufferInternal;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.Viewer;

/**
 * An HTTP-FLV or WebSocket-FLV viewer. Each batch becomes one composite buffer (per-viewer
 * headers around shared bodies) and one write through Vert.x, which passes direct buffers to
 * the socket without copying them; the composite is released when the write completes.
 * Backpressure reads the connection's own channel writability.
 */
public final class FlvViewer extends Viewer {

    private final Channel channel;
    private final FlvSink sink;
    private final FlvTagWriter writer;

    FlvViewer(Channel channel, String protocol, FlvSink sink, int formatIndex) {
        super(channel.eventLoop(), protocol);
        this.channel = channel;
        this.sink = sink;
        this.writer = new FlvTagWriter(formatIndex, channel.alloc());
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
        ByteBuf bytes = writer.finish();
        sink.write(BufferInternal.buffer(bytes)).onComplete(ar -> bytes.release());
    }

    @Override
    protected void finish() {
        ByteBuf trailer = writer.trailer();
        byte[] copy = new byte[trailer.readableBytes()];
        trailer.readBytes(copy);
        trailer.release();
        sink.end(io.vertx.core.buffer.Buffer.buffer(copy));
    }

    @Override
    protected void disconnect(String reason) {
        sink.abort();
    }
}
