package live.blossom.edge.relay;

import io.netty.channel.EventLoop;
import java.util.List;

/**
 * One viewer of a stream, on its own connection's event loop. The relay hands it batches of
 * shared tags; this base class rebases timestamps so each viewer's start at 0, keeps
 * timestamps increasing across publisher reconnects, and applies backpressure: when the
 * socket is not writable at the time of a batch the viewer skips to the next keyframe, and
 * when it stays unwritable longer than the stuck limit it is disconnected. Subclasses turn the
 * tags into bytes of their protocol. All methods run on {@link #loop()}.
 */
public abstract class Viewer {

    private final EventLoop loop;
    private final String protocol;
    private long base = -1;
    private boolean waitingForKeyframe = true;
    private long stuckSince;
    private long stuckLimitNanos;
    private long skipped;
    private boolean ended;
    private LiveStream stream;
    /** The number of the last batch its group had been handed when it joined; its backlog covers that far. */
    long joinedAfter;

    protected Viewer(EventLoop loop, String protocol) {
        this.loop = loop;
        this.protocol = protocol;
    }

    public final EventLoop loop() {
        return loop;
    }

    /** "rtmp", "http-flv", "ws-flv", or an internal consumer such as "hls". */
    public final String protocol() {
        return protocol;
    }

    /** Tags this viewer skipped because it could not keep up. */
    public final long skipped() {
        return skipped;
    }

    final void attached(LiveStream stream, long stuckLimitNanos) {
        this.stream = stream;
        this.stuckLimitNanos = stuckLimitNanos;
    }

    /** Leave the stream (call when the connection closes). Safe to call more than once. */
    public final void detach() {
        if (!ended) {
            ended = true;
            if (stream != null) {
                stream.detach(this);
            }
        }
    }

    final boolean ended() {
        return ended;
    }

    final void deliver(List<MediaTag> tags) {
        if (ended) {
            return;
        }
        if (!writable()) {
            long now = System.nanoTime();
            if (stuckSince == 0) {
                stuckSince = now;
            } else if (now - stuckSince > stuckLimitNanos) {
                ended = true;
                stream.detach(this);
                disconnect("viewer too slow: socket unwritable for longer than the stuck limit");
                return;
            }
            // Too slow for this batch: drop it, and everything up to the next keyframe.
            waitingForKeyframe = true;
            skipped += tags.size();
            if (stream != null) {
                stream.stats().skipped(tags.size());
            }
            return;
        }
        stuckSince = 0;
        boolean any = false;
        for (int i = 0, n = tags.size(); i < n; i++) {
            MediaTag tag = tags.get(i);
            if (!tag.config()) {
                if (waitingForKeyframe) {
                    if (!tag.keyframe()) {
                        skipped++;
                        continue;
                    }
                    waitingForKeyframe = false;
                }
                if (base < 0) {
                    base = tag.timestamp();
                }
            }
            long ts = base < 0 ? 0 : Math.max(0, tag.timestamp() - base);
            if (!any) {
                begin(n);
                any = true;
            }
            append(tag, ts);
        }
        if (any) {
            commit();
        }
    }

    /** Frames were dropped before reaching this viewer (its loop fell behind): resume at the next keyframe. */
    final void resync() {
        waitingForKeyframe = true;
    }

    final void end() {
        if (!ended) {
            ended = true;
            finish();
        }
    }

    /** Whether the connection can take more bytes now (the write-buffer high watermark not reached). */
    protected abstract boolean writable();

    /** A batch of at most {@code count} tags starts. */
    protected abstract void begin(int count);

    /** One tag at the viewer's own timestamp. */
    protected abstract void append(MediaTag tag, long timestamp);

    /** The batch is complete: write and flush. */
    protected abstract void commit();

    /** The stream ended: close cleanly (end of stream in the protocol's terms). */
    protected abstract void finish();

    /** Drop the connection now. */
    protected abstract void disconnect(String reason);
}
