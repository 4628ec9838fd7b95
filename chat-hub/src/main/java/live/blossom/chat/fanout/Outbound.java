package live.blossom.chat.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.util.concurrent.TimeUnit;

/**
 * One viewer connection's way out, used only on the connection's event loop. Frames go straight
 * into the Netty channel (below Vert.x's WebSocket object) as ready-made frame bytes; the
 * WebSocket encoder passes plain buffers through, so a batch
 * encoded once is written to every viewer as a retained duplicate of one buffer.
 *
 * <p>Memory per connection is bounded by the channel's write high-water mark: callers skip a
 * write (and count it as missed) when {@link #writable(long)} says no, and a viewer that stays
 * unwritable longer than the stall timeout is disconnected. Nothing here queues by itself.
 */
public final class Outbound {

    private final Channel channel;
    private final long stallNanos;
    private long unwritableSince;
    private boolean closed;
    private Runnable onSlow = () -> { };
    /** Shared batches this large go compressed; -1 while the client has not negotiated permessage-deflate. */
    private int deflateMinBytes = -1;
    /**
     * Where this connection's frames enter the pipeline: at the WebSocket encoder's place, so they
     * go straight to the socket. They are finished frame bytes that the handlers from the
     * pipeline's tail down to the encoder would only pass on, a lookup and a call each, per viewer
     * and batch. All of them go this one way, so they stay in order.
     */
    private ChannelOutboundInvoker frames;

    public Outbound(Channel channel, long stallMillis) {
        this.channel = channel;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
    }

    public void onSlow(Runnable onSlow) {
        this.onSlow = onSlow;
    }

    /** The client accepted permessage-deflate: shared frames of at least {@code minBytes} go compressed. */
    public void deflateFrom(int minBytes) {
        this.deflateMinBytes = minBytes;
    }

    int deflateMinBytes() {
        return deflateMinBytes;
    }

    public boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }

    public io.netty.util.concurrent.EventExecutor executor() {
        return channel.eventLoop();
    }

    /** True if a frame may be written now; counts the stall and closes a viewer stuck too long. */
    public boolean writable(long nowNanos) {
        if (closed || !channel.isActive()) {
            return false;
        }
        if (channel.isWritable()) {
            unwritableSince = 0;
            return true;
        }
        if (unwritableSince == 0) {
            unwritableSince = nowNanos;
        } else if (nowNanos - unwritableSince > stallNanos) {
            closed = true;
            onSlow.run();
            // A stuck peer cannot read a close frame: drop the connection.
            channel.close();
        }
        return false;
    }

    /** Queues a shared frame (a retained duplicate); call {@link #flush()} after the round. */
    public void writeShared(ByteBuf frame) {
        frames().write(frame.retainedDuplicate(), channel.voidPromise());
    }

    private ChannelOutboundInvoker frames() {
        if (frames != null) {
            return frames;
        }
        // Found once the handshake has put the encoder in; a channel without a WebSocket codec
        // takes the frames at its tail.
        ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
        if (encoder == null) {
            return channel;
        }
        frames = encoder;
        return encoder;
    }

    /** Writes and flushes a frame made for this connection only; dropped if the viewer is not writable. */
    public boolean writeText(String json) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> writeText(json));
            return true;
        }
        if (!writable(System.nanoTime())) {
            return false;
        }
        frames().writeAndFlush(WebSocketFrames.text(channel.alloc(), json), channel.voidPromise());
        return true;
    }

    /**
     * Writes and flushes a frame whatever the writability: for joins and history chunks, whose
     * callers check {@link #writable(long)} before each chunk, so the queue stays bounded.
     */
    public void send(String json) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(json));
            return;
        }
        if (!isClosed()) {
            frames().writeAndFlush(WebSocketFrames.text(channel.alloc(), json), channel.voidPromise());
        }
    }

    /** Queues a frame for this connection without flushing. */
    public void writeTextNoFlush(String json) {
        frames().write(WebSocketFrames.text(channel.alloc(), json), channel.voidPromise());
    }

    public void flush() {
        frames().flush();
    }

    public boolean isClosed() {
        return closed || !channel.isActive();
    }

    public void markClosed() {
        closed = true;
    }
}
