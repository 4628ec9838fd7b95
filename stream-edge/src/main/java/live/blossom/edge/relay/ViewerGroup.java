package live.blossom.edge.relay;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewers of one stream that live on one event loop, and the inbox through which the
 * stream's loop hands them work: batches of tags, newcomers with their backlog, the end. The
 * group writes to its viewers on their own thread: no per-viewer task, no locks.
 *
 * <p>One drain task at a time empties the inbox. It takes what is there when it starts, and
 * batches that queued up behind each other go out merged: one write and flush per viewer for
 * all of them. If more came in meanwhile, the next drain runs only after the loop's next round
 * of socket I/O. This matters on a busy loop: a Netty loop runs queued tasks for up to a second
 * before it polls its sockets again, so with a task per batch a loop near its capacity kept new
 * viewers' requests (and, on the stream's own loop, the publisher's bytes) waiting that long.
 *
 * <p>The inbox holds at most {@link #MAX_QUEUED_BATCHES} batches. A loop that falls further
 * behind loses the batches past that (never sequence headers or metadata), and its viewers
 * resume at the next keyframe, as a slow viewer does.
 *
 * <p>Producer methods are called on the stream's loop only; everything else runs on {@link #loop()}.
 */
final class ViewerGroup {

    private static final Logger log = LoggerFactory.getLogger(ViewerGroup.class);

    /** About two seconds of a 30 fps stream. */
    static final int MAX_QUEUED_BATCHES = 64;

    private sealed interface Entry permits Batch, Join, End, Gap {
    }

    /** Tags retained for this group. */
    private record Batch(List<MediaTag> tags) implements Entry {
    }

    /** A newcomer and its backlog (metadata, sequence headers, the cached GOP), retained for it. */
    private record Join(Viewer viewer, List<MediaTag> backlog) implements Entry {
    }

    private record End() implements Entry {
    }

    /** Batches were dropped here: viewers must wait for the next keyframe. */
    private record Gap() implements Entry {
    }

    private static final End END = new End();
    private static final Gap GAP = new Gap();

    private final EventLoop loop;
    private final Runnable drainTask = this::drain;
    private final Queue<Entry> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger entries = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // Producer side (the stream's loop).
    private boolean lastWasGap;
    private volatile boolean closed;
    // Loop side.
    private final List<Viewer> viewers = new ArrayList<>();
    private final List<MediaTag> merged = new ArrayList<>();

    ViewerGroup(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    /** Hands over a batch whose tags the caller retained for this group. */
    void offerBatch(List<MediaTag> tags) {
        if (batches.get() >= MAX_QUEUED_BATCHES && !carriesConfig(tags)) {
            tags.forEach(MediaTag::release);
            if (!lastWasGap) {
                lastWasGap = true;
                log.warn("viewers' loop fell behind, dropping frames until it catches up loop={} queued_batches={}",
                        loop, batches.get());
                enqueue(GAP);
            }
            return;
        }
        lastWasGap = false;
        batches.incrementAndGet();
        enqueue(new Batch(tags));
    }

    /** Adds a viewer after the batches handed over so far, with its backlog retained for it. */
    void offerJoin(Viewer viewer, List<MediaTag> backlog) {
        lastWasGap = false;
        enqueue(new Join(viewer, backlog));
    }

    /** Ends every viewer once the batches handed over so far are written. */
    void offerEnd() {
        enqueue(END);
    }

    /** Removes a viewer that left; on {@link #loop()}. */
    void remove(Viewer viewer) {
        viewers.remove(viewer);
    }

    private void enqueue(Entry entry) {
        if (closed) {
            discard(entry);
            return;
        }
        inbox.add(entry);
        entries.incrementAndGet();
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The loop has shut down (the node stops): nothing will drain, free what waits.
                closed = true;
                for (Entry left; (left = inbox.poll()) != null; ) {
                    discard(left);
                }
            }
        }
    }

    private void drain() {
        try {
            for (int n = entries.get(); n > 0; n--) {
                Entry entry = inbox.poll();
                if (entry == null) {
                    break;
                }
                entries.decrementAndGet();
                if (entry instanceof Batch batch) {
                    batches.decrementAndGet();
                    merged.addAll(batch.tags());
                    continue;
                }
                deliverMerged();
                if (entry instanceof Join join) {
                    try {
                        if (!join.viewer().ended()) {
                            viewers.add(join.viewer());
                            deliverTo(join.viewer(), join.backlog());
                        }
                    } finally {
                        join.backlog().forEach(MediaTag::release);
                    }
                } else if (entry instanceof Gap) {
                    viewers.forEach(Viewer::resync);
                } else {
                    endAll();
                }
            }
            deliverMerged();
        } finally {
            // Also after a viewer threw: the group must not stop draining.
            scheduled.set(false);
            if (entries.get() > 0 && scheduled.compareAndSet(false, true)) {
                try {
                    // From the loop itself a scheduled task waits for the next I/O round; an executed one would not.
                    loop.schedule(drainTask, 0, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    closed = true; // the node stops: free what nobody will write
                    for (Entry rest; (rest = inbox.poll()) != null; ) {
                        discard(rest);
                    }
                }
            }
        }
    }

    private void deliverMerged() {
        if (merged.isEmpty()) {
            return;
        }
        try {
            // Index loop: a viewer may leave while we write to it (removed by detach on this thread).
            for (int i = 0; i < viewers.size(); i++) {
                Viewer v = viewers.get(i);
                deliverTo(v, merged);
                if (i < viewers.size() && viewers.get(i) != v) {
                    i--;
                }
            }
        } finally {
            merged.forEach(MediaTag::release);
            merged.clear();
        }
    }

    /** One viewer's fault costs that viewer its connection, not the others their frames. */
    private static void deliverTo(Viewer viewer, List<MediaTag> tags) {
        try {
            viewer.deliver(tags);
        } catch (RuntimeException e) {
            log.warn("viewer failed, disconnecting protocol={}", viewer.protocol(), e);
            viewer.detach();
            viewer.disconnect("internal error");
        }
    }

    private void endAll() {
        List<Viewer> all = new ArrayList<>(viewers);
        viewers.clear();
        for (Viewer v : all) {
            v.end();
        }
    }

    private static boolean carriesConfig(List<MediaTag> tags) {
        for (MediaTag tag : tags) {
            if (tag.config()) {
                return true;
            }
        }
        return false;
    }

    private static void discard(Entry entry) {
        if (entry instanceof Batch batch) {
            batch.tags().forEach(MediaTag::release);
        } else if (entry instanceof Join join) {
            join.backlog().forEach(MediaTag::release);
        }
    }
}
