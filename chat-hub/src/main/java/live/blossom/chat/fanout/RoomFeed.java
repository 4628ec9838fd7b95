package live.blossom.chat.fanout;

import com.hazelcast.ringbuffer.ReadResultSet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import live.blossom.chat.protocol.ServerFrames;
import live.blossom.chat.room.ChatItem;
import live.blossom.chat.room.RoomLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room on one node: the single reader of the room's ring on this node (a long-polling
 * {@code readManyAsync}), the window that gathers what it read, and the hand-over of each batch,
 * encoded once into WebSocket frame bytes, to the room's {@link ViewerGroup} on every event loop.
 * All reader and window state lives on one event loop.
 *
 * <p>Phases: a window longer than the shortest is split into ticks, and each tick serves one
 * phase (a share of the room's viewers) with everything of the last window. Every viewer still
 * gets one frame per window, but the writes are spread over the window instead of all falling at
 * its end, so a line waits at most one window for any viewer, not one window plus the time it
 * takes to write to the whole room.
 *
 * <p>Pace: a tick waits while a loop still has the last tick's frame of this room queued and not
 * started ({@link TickHold}). A node whose loops cannot keep the budgeted pace then stretches its
 * window by what they lag, instead of queueing rounds of frames that its viewers would wait for.
 */
public final class RoomFeed {

    /** A join's {@code since} for a viewer that wants only what comes from now on. */
    public static final long LIVE = -1;
    /** A join's {@code since} for a viewer that has seen nothing of the room's ring yet. */
    public static final long FROM_START = -2;

    private static final Logger log = LoggerFactory.getLogger(RoomFeed.class);
    /** About how often a phased room ticks. */
    private static final long TICK_NANOS = 10_000_000L;
    /** How soon a held-back tick looks again whether the loops have written the last one. */
    private static final long RECHECK_NANOS = 2_000_000L;
    /** A phase serves at least this many of the node's viewers of the room: smaller rooms gain nothing. */
    private static final int VIEWERS_PER_PHASE = 256;

    private final String room;
    private final RoomLog roomLog;
    private final EventExecutor loop;
    private final FanoutMeters meters;
    private final WindowPolicy windowPolicy;
    private final FlowSampler sampler;
    private final int recentLimit;
    private final Promise<Void> ready = Promise.promise();
    private final Object groupsLock = new Object();
    private volatile List<ViewerGroup> groups = List.of();
    private long lastFlushed = -1;
    private final AtomicInteger localViewers = new AtomicInteger();
    private final ArrayList<ChatItem> pending = new ArrayList<>();
    private long nextRead;
    private boolean flushArmed;
    private long lastFlushNanos;
    private long tickNanos;
    /** When the next tick is due: on a fixed grid while the room is busy, so that ticks do not drift late. */
    private long nextTickNanos;
    /** Ticks so far: tick t serves phase t mod phases. */
    private long tick;
    /** The batches of the last window's ticks, oldest first: what the next phase still has to get. */
    private final ArrayDeque<TickBatch> inWindow = new ArrayDeque<>();
    private final RoomPresence presence = new RoomPresence();
    private final TickHold hold;
    /** Told when the feed ends by itself (its ring began again), so the registry lets go of it. */
    private final Consumer<RoomFeed> onEnded;
    private volatile boolean closed;
    /** The life of the room's ring this feed reads, known once it is ready. */
    private volatile String epoch;
    /** Since when the feed has had no local viewer, or when a join last asked for it. */
    private volatile long idleSinceNanos = System.nanoTime();

    RoomFeed(String room, RoomLog roomLog, EventExecutor loop, FanoutMeters meters, WindowPolicy window,
             double readableRate, int recentLimit, Consumer<RoomFeed> onEnded) {
        this.room = room;
        this.onEnded = onEnded;
        this.roomLog = roomLog;
        this.loop = loop;
        this.meters = meters;
        this.windowPolicy = window;
        this.tickNanos = window.minNanos();
        this.sampler = new FlowSampler(readableRate, meters);
        this.hold = new TickHold(meters.postponed);
        this.recentLimit = recentLimit;
    }

    void start() {
        roomLog.tail(room).onComplete(tail -> loop.execute(() -> {
            if (tail.failed()) {
                log.warn("chat room feed cannot start room={} cause={}", room, tail.cause().toString());
                ready.fail(tail.cause());
                return;
            }
            epoch = tail.result().epoch();
            synchronized (groupsLock) {
                lastFlushed = tail.result().last();
            }
            nextRead = tail.result().last() + 1;
            lastFlushNanos = System.nanoTime();
            nextTickNanos = lastFlushNanos;
            ready.complete();
            read();
        }));
    }

    public String room() {
        return room;
    }

    /** Completes once the feed knows where the ring is; joins wait for it. */
    public Future<Void> ready() {
        return ready.future();
    }

    public int localViewers() {
        return localViewers.get();
    }

    /** A join is about to attach: the feed is not idle. */
    void touch() {
        idleSinceNanos = System.nanoTime();
    }

    /** True if the feed has had no local viewer and no join since before {@code cutoffNanos}. */
    boolean idleSince(long cutoffNanos) {
        return localViewers.get() == 0 && idleSinceNanos - cutoffNanos < 0;
    }

    /** Closed feeds take no viewers: the registry has let go of them. */
    public boolean closed() {
        return closed;
    }

    /**
     * Attaches a viewer; must run on the viewer's event loop, after {@link #ready()}. {@code since}
     * is the last sequence the viewer saw, {@link #LIVE} for what comes from now on, or
     * {@link #FROM_START} for everything the ring still holds; {@code sinceEpoch}, if known, the
     * epoch of the ring in which it saw {@code since}.
     */
    public Viewer join(Outbound out, long since, String sinceEpoch) {
        Viewer viewer = new Viewer(out, room);
        localViewers.incrementAndGet();
        groupFor(out.executor()).join(viewer, since, sinceEpoch);
        return viewer;
    }

    /** Detaches a viewer; must run on the viewer's event loop. */
    public void leave(Viewer viewer) {
        if (!viewer.left && viewer.group != null) {
            viewer.group.leave(viewer);
            if (localViewers.decrementAndGet() == 0) {
                idleSinceNanos = System.nanoTime();
            }
        }
    }

    private ViewerGroup groupFor(EventExecutor executor) {
        for (ViewerGroup g : groups) {
            if (g.loop == executor) {
                return g;
            }
        }
        synchronized (groupsLock) {
            for (ViewerGroup g : groups) {
                if (g.loop == executor) {
                    return g;
                }
            }
            ViewerGroup group = new ViewerGroup(room, epoch, executor, roomLog, meters, recentLimit, lastFlushed);
            List<ViewerGroup> next = new ArrayList<>(groups);
            next.add(group);
            groups = List.copyOf(next);
            return group;
        }
    }

    private void read() {
        if (closed) {
            return;
        }
        try {
            roomLog.read(room, nextRead, 1).whenCompleteAsync((result, error) -> onRead(result, error), loop);
        } catch (RuntimeException e) {
            onRead(null, e);
        }
    }

    private void onRead(ReadResultSet<String> result, Throwable error) {
        if (closed) {
            return;
        }
        if (error != null) {
            // Member changes and migrations surface here; the ring has a backup, so read again.
            if (RoomLog.ringBeganAgain(error)) {
                ringBeganAgain();
                return;
            }
            log.debug("chat room read failed room={} cause={}", room, error.toString());
            loop.schedule(this::read, 200, TimeUnit.MILLISECONDS);
            return;
        }
        int count = result.readCount();
        if (count > 0 && result.getSequence(0) < nextRead) {
            // A read waiting on the old ring woke on the new one, from its start.
            ringBeganAgain();
            return;
        }
        for (int i = 0; i < count; i++) {
            pending.add(ChatItem.of(result.getSequence(i), result.get(i)));
        }
        meters.messagesIn.increment(count);
        nextRead = Math.max(nextRead, result.getNextSequenceToReadFrom());
        armFlush();
        read();
    }

    /**
     * The ring was destroyed under this open feed (retired while this node could not renew its
     * lease, or by hand): Hazelcast fails the waiting read, or a read wakes on the new ring's start.
     * Its sequences mean nothing to this feed's viewers any more, and a read at the old position
     * would wait for the new ring to get that far and skip what came before, so the feed ends and
     * each viewer is told to join the room again, which starts a new feed on the new ring and
     * reads it from its start.
     */
    private void ringBeganAgain() {
        closed = true;
        log.warn("chat room ring began again under an open feed room={} nextRead={}", room, nextRead);
        onEnded.accept(this);
        String notice = ServerFrames.roomError(room, "room_reset",
                "This room's messages began again; join the room again to read them from the start.");
        for (ViewerGroup g : groups) {
            g.loop.execute(() -> g.tellAll(notice));
        }
    }

    private void armFlush() {
        if (flushArmed || (pending.isEmpty() && inWindow.isEmpty())) {
            return;
        }
        flushArmed = true;
        long delay = nextTickNanos - System.nanoTime();
        if (delay <= 0) {
            loop.execute(this::flush);
        } else {
            loop.schedule(this::flush, delay, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * How many phases a window of {@code windowNanos} is split into: one at the shortest window,
     * else a tick of about {@link #TICK_NANOS}, with at least {@link #VIEWERS_PER_PHASE} of the
     * node's viewers of the room per phase, and at most one phase per viewer bucket. Long windows
     * are split too: in the 100,000-viewer room (2.1 s windows) phases took the p99 from about two
     * windows to about one, once ticks waited for loops still behind (see {@link TickHold}).
     */
    private int phases(long windowNanos) {
        if (windowNanos <= windowPolicy.minNanos()) {
            return 1;
        }
        long byTime = Math.max(1, Math.round(windowNanos / (double) TICK_NANOS));
        long byViewers = Math.max(1, (localViewers.get() + VIEWERS_PER_PHASE - 1) / VIEWERS_PER_PHASE);
        return (int) Math.min(ViewerGroup.BUCKETS, Math.min(byTime, byViewers));
    }

    private void flush() {
        flushArmed = false;
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long windowNanos = windowPolicy.nanos();
        if (hold.hold(now, windowNanos, loopsBusy())) {
            flushArmed = true;
            loop.schedule(this::flush, RECHECK_NANOS, TimeUnit.NANOSECONDS);
            return;
        }
        int phases = phases(windowNanos);
        tickNanos = windowNanos / phases;
        nextTickNanos += tickNanos;
        if (nextTickNanos <= now) {
            // Idle, or more than a tick behind: start the grid again from now.
            nextTickNanos = now + tickNanos;
        }
        long t = tick++;
        Batch tickBatch = null;
        List<ViewerGroup> targets;
        if (pending.isEmpty()) {
            targets = groups;
        } else {
            List<ChatItem> items = sampler.sample(pending, (now - lastFlushNanos) / 1e9);
            long last = pending.get(pending.size() - 1).seq();
            long first;
            synchronized (groupsLock) {
                first = lastFlushed + 1;
                lastFlushed = last;
                targets = groups;
            }
            tickBatch = new Batch(first, last, items);
            inWindow.addLast(new TickBatch(t, tickBatch));
            pending.clear();
        }
        lastFlushNanos = now;
        while (!inWindow.isEmpty() && inWindow.peekFirst().tick() <= t - phases) {
            inWindow.removeFirst();
        }
        if (inWindow.isEmpty()) {
            return;
        }
        String withPresence = presence.forTick(phases);
        Batch windowBatch = tickBatch != null && inWindow.size() == 1 ? tickBatch : Batch.merged(inWindow, TickBatch::batch);
        String json = ServerFrames.batch(room, windowBatch.first(), windowBatch.last(), windowBatch.items(), withPresence);
        meters.batches.increment();
        int phase = (int) (t % phases);
        Batch delivered = tickBatch;
        handOver(targets, WebSocketFrames.text(PooledByteBufAllocator.DEFAULT, json),
                (g, f) -> g.deliver(delivered, windowBatch, f, phase, phases));
        armFlush();
    }

    /**
     * Whether a loop has a frame of this room waiting that it has not started writing: one it is
     * still writing is no reason to wait, as its last slices only wait for the loop's socket reads.
     */
    private boolean loopsBusy() {
        for (ViewerGroup g : groups) {
            if (g.backlog() > 1) {
                return true;
            }
        }
        return false;
    }

    private record TickBatch(long tick, Batch batch) {
    }

    /** Gives each group its own reference to {@code frame}, on the group's loop. */
    private void handOver(List<ViewerGroup> targets, ByteBuf frame, BiConsumer<ViewerGroup, ByteBuf> delivery) {
        try {
            for (ViewerGroup g : targets) {
                frame.retain();
                if (g.loop.inEventLoop()) {
                    delivery.accept(g, frame);
                } else {
                    g.loop.execute(() -> delivery.accept(g, frame));
                }
            }
        } finally {
            frame.release();
        }
    }

    /** The room's presence over the cluster: rides on the next batch, or goes out alone ({@link RoomPresence}). */
    public void presence(long viewers, long peak) {
        loop.execute(() -> {
            if (presence.update(viewers, peak, flushArmed, windowPolicy.nanos())) {
                ByteBuf frame = WebSocketFrames.text(PooledByteBufAllocator.DEFAULT, ServerFrames.presence(room, viewers, peak));
                handOver(groups, frame, ViewerGroup::deliverShared);
            }
        });
    }

    void close() {
        closed = true;
    }
}
