package live.blossom.edge.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.flv.FlvTagWriter;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.Viewer;

/**
 * An internal viewer that turns the stream into FLV bytes for an FFmpeg worker thread (HLS
 * muxer, recorder) through a bounded queue. When the worker falls behind the queue fills, the
 * viewer counts as unwritable and skips to the next keyframe like any slow viewer: the relay
 * never waits for FFmpeg. Read it as an {@link InputStream} that ends with the stream.
 */
public final class FlvPipe extends Viewer {

    private static final byte[] EOF = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private final FlvTagWriter writer;
    private final int capacity;
    private volatile long lastTimestamp;

    public FlvPipe(EventLoop loop, String protocol, int capacity, ByteBufAllocator alloc) {
        super(loop, protocol);
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.writer = new FlvTagWriter(0, alloc);
    }

    /** Milliseconds of the last tag written (the recording's duration so far). */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    @Override
    protected boolean writable() {
        return queue.size() < capacity - 1;
    }

    @Override
    protected void begin(int count) {
        writer.begin(count);
    }

    @Override
    protected void append(MediaTag tag, long timestamp) {
        writer.append(tag, timestamp);
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    @Override
    protected void commit() {
        ByteBuf bytes = writer.finish();
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.readBytes(copy);
        bytes.release();
        queue.offer(copy); // room was checked by writable()
    }

    @Override
    protected void finish() {
        ByteBuf trailer = writer.trailer();
        byte[] copy = new byte[trailer.readableBytes()];
        trailer.readBytes(copy);
        trailer.release();
        queue.offer(copy);
        queue.offer(EOF);
    }

    @Override
    protected void disconnect(String reason) {
        queue.clear();
        queue.offer(EOF);
    }

    /** Ends the stream for the reader (e.g. when the worker is told to stop). */
    public void close() {
        detach();
        queue.offer(EOF);
    }

    /** The bytes, blocking until more arrive; -1 once the stream ended. */
    public InputStream input() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos >= current.length) {
                    if (done) {
                        return -1;
                    }
                    try {
                        byte[] next = queue.poll(60, TimeUnit.SECONDS);
                        if (next == null || next == EOF) {
                            done = true;
                            return -1;
                        }
                        current = next;
                        pos = 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
