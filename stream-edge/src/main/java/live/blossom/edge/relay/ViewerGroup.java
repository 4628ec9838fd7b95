package live.blossom.edge.relay;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Batches go out in rounds: a round is the tags of every batch that had queued up, merged
 * into one write and flush per viewer. A round is written {@link #SLICE} viewers at a time,
 * with a round of the loop's socket I/O between slices, and the next drain runs only after the
 * loop's next round of I/O too. This matters on a busy loop: a Netty loop runs queued tasks for
 * up to a second before it polls its sockets again, and a round to a thousand viewers is
 * 10-30 ms of writes, so without the breaks new viewers' requests (and, on the stream's own
 * loop, the publisher's bytes) waited behind them at each of their round trips.
 *
 * <p>A newcomer is admitted as soon as the drain reaches it, also while a round is being
 * written: its backlog (the cached GOP) already holds every batch handed over before it, so it
 * is not among the round's viewers and skips any batch numbered at or below the last one
 * before its join ({@link Viewer#joinedAfter}). A gap or the end waits until the batches before
 * it have gone to everyone.
 *
 * <p>The inbox, the batches being collected and the round hold at most {@link #MAX_QUEUED_BATCHES}
 * batches together. A loop that falls further behind loses the batches past that (never
 * sequence headers or metadata), and its viewers resume at the next keyframe, as a slow viewer does.
 *
 * <p>Producer methods are called on the stream's loop only; everything else runs on {@link #loop()}.
 */
final class ViewerGroup {

    private static final Logger log = LoggerFactory.getLogger(ViewerGroup.class);

    /** About two seconds of a 30 fps stream. */
    static final int MAX_QUEUED_BATCHES = 64;

    /** Viewers written per turn of the loop: 1-3 ms of writes. */
    static final int SLICE = 128;

    private sealed interface Entry permits Batch, Join, End, Gap {
    }

    /** Tags retained for this group; batches are numbered from 1 in the order they are handed over. */
    private record Batch(long number, List<MediaTag> tags) implements Entry {
    }

    /**
     * A newcomer and its backlog (metadata, sequence headers, the cached GOP), retained for it;
     * {@code after} is the number of the last batch handed over before it.
     */
    private record Join(Viewer viewer, List<MediaTag> backlog, long after) implements Entry {
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
    private long handedOver;
    private volatile boolean closed;
    // Loop side.
    private final List<Viewer> viewers = new ArrayList<>();
    /** Batches taken from the inbox for the next round. */
    private Round collecting = new Round();
    /** The round being written, or null. */
    private Round writing;

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
        enqueue(new Batch(++handedOver, tags));
    }

    /** Adds a viewer after the batches handed over so far, with its backlog retained for it. */
    void offerJoin(Viewer viewer, List<MediaTag> backlog) {
        lastWasGap = false;
        enqueue(new Join(viewer, backlog, handedOver));
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
            if (writing != null) {
                writeSlice();
            }
            for (int n = entries.get(); n > 0; n--) {
                Entry entry = inbox.peek(); // this loop is the only consumer: peek, then poll, is safe
                if (entry == null) {
                    break;
                }
                if (entry instanceof Batch batch) {
                    take();
                    collecting.add(batch);
                } else if (entry instanceof Join join) {
                    take();
                    admit(join);
                } else {
                    // A gap or the end: only once the batches before it have gone to everyone.
                    writeCollected();
                    if (writing != null) {
                        break;
                    }
                    take();
                    if (entry instanceof Gap) {
                        viewers.forEach(Viewer::resync);
                    } else {
                        endAll();
                    }
                }
            }
            writeCollected();
        } finally {
            // Also after a viewer threw: the group must not stop draining.
            scheduled.set(false);
            if ((writing != null || entries.get() > 0) && scheduled.compareAndSet(false, true)) {
                try {
                    // From the loop itself a scheduled task waits for the next I/O round; an executed one would not.
                    loop.schedule(drainTask, 0, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    closed = true; // the node stops: free what nobody will write
                    for (Entry rest; (rest = inbox.poll()) != null; ) {
                        discard(rest);
                    }
                    if (writing != null) {
                        writing.clear();
                    }
                    collecting.clear();
                }
            }
        }
    }

    private void take() {
        inbox.poll();
        entries.decrementAndGet();
    }

    private void admit(Join join) {
        try {
            Viewer viewer = join.viewer();
            if (!viewer.ended()) {
                viewer.joinedAfter = join.after();
                viewers.add(viewer);
                deliverTo(viewer, join.backlog());
            }
        } finally {
            join.backlog().forEach(MediaTag::release);
        }
    }

    /** Between rounds, starts one with the batches collected so far and writes its first slice. */
    private void writeCollected() {
        if (writing == null && !collecting.isEmpty()) {
            writing = collecting;
            writing.begin(viewers);
            collecting = new Round();
            writeSlice();
        }
    }

    /** Writes the round to its next {@link #SLICE} viewers; the round ends when all have had it. */
    private void writeSlice() {
        Round round = writing;
        try {
            round.writeSlice();
        } finally {
            if (round.written()) {
                batches.addAndGet(-round.batchCount());
                round.clear();
                writing = null;
            }
        }
    }

    /**
     * The tags of one or more batches, merged, and the viewers there were when its writing began;
     * one that left since is ended and skipped.
     */
    private static final class Round {
        private final List<MediaTag> tags = new ArrayList<>();
        private long[] numbers = new long[8];
        private int[] starts = new int[8];
        private int count;
        private Viewer[] viewers;
        private int next;

        void add(Batch batch) {
            if (count == numbers.length) {
                numbers = Arrays.copyOf(numbers, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
            }
            numbers[count] = batch.number();
            starts[count] = tags.size();
            count++;
            tags.addAll(batch.tags());
        }

        boolean isEmpty() {
            return count == 0;
        }

        int batchCount() {
            return count;
        }

        void begin(List<Viewer> current) {
            viewers = current.toArray(new Viewer[0]);
            next = 0;
        }

        void writeSlice() {
            int end = Math.min(viewers.length, next + SLICE);
            while (next < end) {
                Viewer v = viewers[next++];
                List<MediaTag> part = tagsFor(v);
                if (!part.isEmpty()) {
                    deliverTo(v, part);
                }
            }
        }

        boolean written() {
            return next >= viewers.length;
        }

        /** The tags of the batches handed over after the viewer joined (all of them, but for newcomers). */
        private List<MediaTag> tagsFor(Viewer v) {
            long after = v.joinedAfter;
            if (after < numbers[0]) {
                return tags;
            }
            for (int b = 1; b < count; b++) {
                if (numbers[b] > after) {
                    return tags.subList(starts[b], tags.size());
                }
            }
            return List.of();
        }

        void clear() {
            tags.forEach(MediaTag::release);
            tags.clear();
            count = 0;
            viewers = null;
            next = 0;
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
