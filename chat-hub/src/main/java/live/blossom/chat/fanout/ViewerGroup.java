package live.blossom.chat.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import live.blossom.chat.protocol.ServerFrames;
import live.blossom.chat.room.RoomLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewers of one room that live on one event loop. Everything here runs on that loop: the
 * room's feed hands each encoded batch over once per loop, and the loop writes the same bytes to
 * all its viewers without locks or per-viewer lookups (Centrifuge's "capture at subscribe time").
 *
 * <p>A viewer that joins with the last sequence it saw is caught up by {@link Catchup}, from the
 * recent batches kept here or from the ring, before it gets live batches.
 *
 * <p>Viewers sit in {@link #BUCKETS} buckets, dealt out in turn as they join; a phased room's
 * tick writes to the buckets of its phase (see {@link RoomFeed}). A viewer whose next sequence is
 * not where the tick's frame starts (it joined, or the phases changed with the room's size) gets
 * a frame of its own from the recent batches kept here.
 */
final class ViewerGroup {

    /** Viewers written per slice of a delivery (a few milliseconds of socket writes). */
    private static final int SLICE = 256;
    /**
     * Frames that may wait for this loop before it writes them all in one go, once they also add
     * up to more than two rounds of the group's viewers (a phased room's ticks each go to a share
     * of them, and 32 of its ticks are only half a window).
     */
    private static final int MAX_QUEUED = 32;
    /** Buckets of viewers; a window has at most this many phases. */
    static final int BUCKETS = 64;
    private static final Logger logger = LoggerFactory.getLogger(ViewerGroup.class);

    final EventExecutor loop;
    private final String room;
    private final String epoch;
    private final Catchup catchup;
    private final FanoutMeters meters;
    private final int recentLimit;
    @SuppressWarnings("unchecked")
    private final ArrayList<Viewer>[] buckets = new ArrayList[BUCKETS];
    private int size;
    private int dealt;
    private final ArrayDeque<Batch> recent = new ArrayDeque<>();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private boolean drainScheduled;
    /** Viewers the queued frames are meant for, as counted when each was queued. */
    private long queuedWrites;
    private long lastBehindLog;
    private int recentItems;
    private long lastDelivered;
    /** Frames queued and not yet fully written; read by the room's feed, which may run on another loop. */
    private volatile int backlog;

    ViewerGroup(String room, String epoch, EventExecutor loop, RoomLog log, FanoutMeters meters, int recentLimit,
                long lastDelivered) {
        this.room = room;
        this.epoch = epoch;
        this.loop = loop;
        this.catchup = new Catchup(this, log);
        this.meters = meters;
        this.recentLimit = recentLimit;
        this.lastDelivered = lastDelivered;
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = new ArrayList<>();
        }
    }

    /** The epoch of the room's ring that this group's sequences belong to. */
    String epoch() {
        return epoch;
    }

    /** Attaches a viewer; {@code since} and {@code sinceEpoch} as in {@link RoomFeed#join}. */
    void join(Viewer viewer, long since, String sinceEpoch) {
        viewer.group = this;
        viewer.bucket = dealt++ & (BUCKETS - 1);
        ArrayList<Viewer> bucket = buckets[viewer.bucket];
        viewer.index = bucket.size();
        bucket.add(viewer);
        size++;
        meters.viewers.incrementAndGet();
        if (since >= 0 && sinceEpoch != null && !sinceEpoch.equals(epoch)) {
            // Seen in an earlier life of the ring: all of this one is new to the viewer. Sent even
            // to a viewer that is not writable: without it, the client would take the new ring's
            // sequences for ones it has seen.
            viewer.out.send(ServerFrames.sequenceReset(since));
            since = RoomFeed.FROM_START;
        }
        long seen = since == RoomFeed.FROM_START ? -1 : since;
        if (since == RoomFeed.LIVE || seen >= lastDelivered) {
            viewer.nextExpected = since == RoomFeed.LIVE ? lastDelivered + 1 : seen + 1;
            viewer.live = true;
            viewer.out.send(ServerFrames.joined(viewer.room, viewer.nextExpected - 1, epoch));
            if (seen > lastDelivered) {
                catchup.checkAhead(viewer, seen);
            }
            return;
        }
        viewer.nextExpected = seen + 1;
        viewer.live = false;
        viewer.out.send(ServerFrames.joined(viewer.room, seen, epoch));
        catchup.recover(viewer);
    }

    void leave(Viewer viewer) {
        if (viewer.left) {
            return;
        }
        viewer.left = true;
        ArrayList<Viewer> bucket = buckets[viewer.bucket];
        int i = viewer.index;
        Viewer last = bucket.remove(bucket.size() - 1);
        if (last != viewer) {
            bucket.set(i, last);
            last.index = i;
        }
        viewer.index = -1;
        size--;
        meters.viewers.decrementAndGet();
    }

    int size() {
        return size;
    }

    /** Sends one text frame of its own to every viewer of the group, writable or not: a notice it must not miss. */
    void tellAll(String json) {
        for (ArrayList<Viewer> bucket : buckets) {
            for (int i = 0; i < bucket.size(); i++) {
                bucket.get(i).out.send(json);
            }
        }
    }

    /** Frames this loop has queued for the room and not finished writing (read from any thread). */
    int backlog() {
        return backlog;
    }

    /**
     * Queues the batch's shared frame for every live viewer (in sequence order with the batches
     * before it) and starts writing; takes over the reference it was given.
     */
    void deliver(Batch batch, ByteBuf frame) {
        deliver(batch, batch, frame, 0, 1);
    }

    /**
     * One tick of a room split into {@code phases}: {@code tick} is what the room read since the
     * last tick (null if nothing), {@code window} everything of the last window, whose shared
     * {@code frame} goes to the viewers of phase {@code phase}. Takes over the frame's reference.
     */
    void deliver(Batch tick, Batch window, ByteBuf frame, int phase, int phases) {
        if (tick != null) {
            lastDelivered = tick.last();
            remember(tick);
        }
        enqueue(new Outgoing(window, frame, phase * BUCKETS / phases, (phase + 1) * BUCKETS / phases));
    }

    /** Queues a frame outside the sequence (presence) for every live, writable viewer. */
    void deliverShared(ByteBuf frame) {
        enqueue(new Outgoing(null, frame, 0, BUCKETS));
    }

    /** The viewers of buckets {@code from} (inclusive) to {@code to} (exclusive), as they are now. */
    private Viewer[] viewers(int from, int to) {
        int n = 0;
        for (int b = from; b < to; b++) {
            n += buckets[b].size();
        }
        Viewer[] out = new Viewer[n];
        int at = 0;
        for (int b = from; b < to; b++) {
            ArrayList<Viewer> bucket = buckets[b];
            for (int i = 0; i < bucket.size(); i++) {
                out[at++] = bucket.get(i);
            }
        }
        return out;
    }

    private void enqueue(Outgoing outgoing) {
        for (int b = outgoing.fromBucket; b < outgoing.toBucket; b++) {
            outgoing.planned += buckets[b].size();
        }
        queue.addLast(outgoing);
        backlog = queue.size();
        queuedWrites += outgoing.planned;
        if (queue.size() > MAX_QUEUED && queuedWrites > 2L * size) {
            // The loop fell this far behind: write everything now rather than hold more frames.
            meters.fellBehind.increment();
            long now = System.nanoTime();
            if (now - lastBehindLog > 10_000_000_000L) {
                lastBehindLog = now;
                logger.info("chat fan-out fell behind room={} frames={} writes={}", room, queue.size(), queuedWrites);
            }
            drain(Integer.MAX_VALUE);
        } else if (!drainScheduled) {
            drain(SLICE);
        }
    }

    /**
     * Writes to at most {@code budget} viewers, then lets the loop serve its sockets and other
     * tasks before the next slice: one batch to 16,000 viewers is about a quarter of a second of
     * writes, and in one piece it would hold up every sender's line and acknowledgement on this
     * loop for that long.
     */
    private void drain(int budget) {
        drainScheduled = false;
        while (budget > 0) {
            Outgoing o = queue.peekFirst();
            if (o == null) {
                return;
            }
            if (o.to == null && superseded(o)) {
                // A later frame goes to the same viewers: they get it instead, with this one's
                // lines in front (their own frame from the recent batches), one write for two.
                dequeue(o);
                meters.superseded.increment();
                continue;
            }
            if (o.to == null) {
                // Viewers who join after this point start after this batch; those who leave are skipped.
                o.to = viewers(o.fromBucket, o.toBucket);
                o.now = System.nanoTime();
            }
            int end = (int) Math.min(o.to.length, (long) o.next + budget);
            budget -= end - o.next;
            if (o.batch == null) {
                writeShared(o, end);
            } else {
                writeBatch(o, end);
            }
            o.next = end;
            if (end == o.to.length) {
                dequeue(o);
            }
        }
        if (!queue.isEmpty()) {
            drainScheduled = true;
            try {
                // Scheduled, not executed: Netty takes scheduled tasks after its next round of socket I/O.
                loop.schedule(() -> drain(SLICE), 0, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The node is stopping and its loop with it: nobody is left to write to.
                queue.forEach(Outgoing::release);
                queue.clear();
                backlog = 0;
                queuedWrites = 0;
            }
        }
    }

    /** Takes the queue's first frame, {@code o}, off once it is written or merged into a later one. */
    private void dequeue(Outgoing o) {
        queue.pollFirst();
        backlog = queue.size();
        queuedWrites -= o.planned;
        o.release();
    }

    /**
     * Whether a batch frame not yet started has a later batch frame queued for the same viewers.
     * Only a loop that is behind has one: merging them is how it catches up, with fewer writes
     * the further behind it is.
     */
    private boolean superseded(Outgoing o) {
        if (o.batch == null || queue.size() < 2) {
            return false;
        }
        var it = queue.descendingIterator();
        while (it.hasNext()) {
            Outgoing later = it.next();
            if (later == o) {
                return false;
            }
            if (later.batch != null && later.fromBucket == o.fromBucket && later.toBucket == o.toBucket) {
                return true;
            }
        }
        return false;
    }

    private void writeBatch(Outgoing o, int end) {
        Batch batch = o.batch;
        int items = batch.items().size();
        long written = 0;
        long own = 0;
        for (int i = o.next; i < end; i++) {
            Viewer v = o.to[i];
            if (v.left || !v.live || batch.last() < v.nextExpected) {
                continue;
            }
            if (!v.out.writable(o.now)) {
                if (v.missedBatches++ == 0) {
                    v.missedFrom = v.nextExpected;
                }
                v.missedTo = batch.last();
                v.nextExpected = batch.last() + 1;
                meters.missedBatches.increment();
                continue;
            }
            if (v.missedBatches > 0) {
                v.out.writeTextNoFlush(ServerFrames.missed(v.room, v.missedBatches, v.missedFrom, v.missedTo));
                v.missedBatches = 0;
            }
            if (v.nextExpected == batch.first()) {
                v.out.writeShared(o.frame.bytesFor(v.out));
                written++;
            } else {
                // Joined since its phase last came round, its phase moved, or a waiting batch was
                // merged into this one: a frame from its next sequence, shared by all who need it.
                Outgoing.Own frame = o.own(v.nextExpected, v.room, recent);
                if (frame.missedTo() >= frame.missedFrom()) {
                    v.out.writeTextNoFlush(ServerFrames.missed(v.room, 1, frame.missedFrom(), frame.missedTo()));
                }
                v.out.writeShared(frame.frame().bytesFor(v.out));
                written++;
                own += frame.items() - items;
            }
            v.nextExpected = batch.last() + 1;
            v.out.flush();
        }
        meters.frames.increment(written);
        meters.deliveries.increment((double) written * items + own);
    }

    private static void writeShared(Outgoing o, int end) {
        for (int i = o.next; i < end; i++) {
            Viewer v = o.to[i];
            if (!v.left && v.live && v.out.writable(o.now)) {
                v.out.writeShared(o.frame.bytesFor(v.out));
                v.out.flush();
            }
        }
    }

    private void remember(Batch batch) {
        recent.addLast(batch);
        recentItems += batch.items().size();
        while (recent.size() > 1 && recentItems > recentLimit) {
            recentItems -= recent.removeFirst().items().size();
        }
    }

    /** The batches kept for catching viewers up, oldest first (used on this loop only). */
    ArrayDeque<Batch> recent() {
        return recent;
    }

    /** The last sequence handed to this group's viewers. */
    long lastDelivered() {
        return lastDelivered;
    }
}
