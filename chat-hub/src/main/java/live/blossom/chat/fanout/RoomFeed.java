package live.blossom.chat.fanout;

import com.hazelcast.ringbuffer.ReadResultSet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
public final class RoomFeed {

    private static final Logger log = LoggerFactory.getLogger(RoomFeed.class);
    private static final long MIN_LONE_PRESENCE_GAP_NANOS = 1_900_000_000L;

    private final String room;
    private final RoomLog roomLog;
    private final EventExecutor loop;
    private final FanoutMeters meters;
    private final WindowPolicy window;
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
    private String presence;
    private boolean presenceDirty;
    private long lastLonePresenceNanos = System.nanoTime() - MIN_LONE_PRESENCE_GAP_NANOS;
    private volatile boolean closed;

    RoomFeed(String room, RoomLog roomLog, EventExecutor loop, FanoutMeters meters, WindowPolicy window,
             double readableRate, int recentLimit) {
        this.room = room;
        this.roomLog = roomLog;
        this.loop = loop;
        this.meters = meters;
        this.window = window;
        this.sampler = new FlowSampler(readableRate, meters);
        this.recentLimit = recentLimit;
    }

    void start(Vertx vertx) {
        vertx.executeBlocking(() -> roomLog.tailSequence(room), false).onComplete(tail -> loop.execute(() -> {
            if (tail.failed()) {
                log.warn("chat room feed cannot start room={} cause={}", room, tail.cause().toString());
                ready.fail(tail.cause());
                return;
            }
            synchronized (groupsLock) {
                lastFlushed = tail.result();
            }
            nextRead = tail.result() + 1;
            lastFlushNanos = System.nanoTime();
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

    /** Attaches a viewer; must run on the viewer's event loop, after {@link #ready()}. */
    public Viewer join(Outbound out, long since) {
        Viewer viewer = new Viewer(out, room);
        localViewers.incrementAndGet();
        groupFor(out.executor()).join(viewer, since);
        return viewer;
    }

    /** Detaches a viewer; must run on the viewer's event loop. */
    public void leave(Viewer viewer) {
        if (!viewer.left && viewer.group != null) {
            viewer.group.leave(viewer);
            localViewers.decrementAndGet();
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
            ViewerGroup group = new ViewerGroup(executor, this, roomLog, meters, recentLimit, lastFlushed);
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
            roomLog.read(room, nextRead, 1).whenComplete((result, error) -> loop.execute(() -> onRead(result, error)));
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
            log.debug("chat room read failed room={} cause={}", room, error.toString());
            loop.schedule(this::read, 200, TimeUnit.MILLISECONDS);
            return;
        }
        int count = result.readCount();
        for (int i = 0; i < count; i++) {
            pending.add(ChatItem.of(result.getSequence(i), result.get(i)));
        }
        meters.messagesIn.increment(count);
        nextRead = Math.max(nextRead, result.getNextSequenceToReadFrom());
        armFlush();
        read();
    }

    private void armFlush() {
        if (flushArmed || pending.isEmpty()) {
            return;
        }
        flushArmed = true;
        long delay = lastFlushNanos + window.nanos() - System.nanoTime();
        if (delay <= 0) {
            loop.execute(this::flush);
        } else {
            loop.schedule(this::flush, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void flush() {
        flushArmed = false;
        if (pending.isEmpty() || closed) {
            return;
        }
        long now = System.nanoTime();
        List<ChatItem> items = sampler.sample(pending, (now - lastFlushNanos) / 1e9);
        long last = pending.get(pending.size() - 1).seq();
        List<ViewerGroup> targets;
        long first;
        synchronized (groupsLock) {
            first = lastFlushed + 1;
            lastFlushed = last;
            targets = groups;
        }
        Batch batch = new Batch(first, last, items);
        String json = ServerFrames.batch(room, first, last, batch.items(), presenceDirty ? presence : null);
        presenceDirty = false;
        pending.clear();
        lastFlushNanos = now;
        meters.batches.increment();
        handOver(targets, WebSocketFrames.text(PooledByteBufAllocator.DEFAULT, json), g -> g::deliver, batch);
    }

    private interface Delivery {
        java.util.function.BiConsumer<Batch, ByteBuf> to(ViewerGroup group);
    }

    private void handOver(List<ViewerGroup> targets, ByteBuf frame, Delivery delivery, Batch batch) {
        try {
            for (ViewerGroup g : targets) {
                frame.retain();
                if (g.loop.inEventLoop()) {
                    delivery.to(g).accept(batch, frame);
                } else {
                    g.loop.execute(() -> delivery.to(g).accept(batch, frame));
                }
            }
        } finally {
            frame.release();
        }
    }

    /**
     * The room's presence: rides on the next batch, or goes out alone when no batch is due. A lone
     * presence frame costs one write per viewer, so in a quiet big room it goes out at most once
     * per four windows (and never more often than every 2 s), keeping presence within the budget.
     */
    public void presence(long viewers, long peak) {
        loop.execute(() -> {
            presence = ServerFrames.presenceBody(viewers, peak);
            long now = System.nanoTime();
            if (flushArmed || now - lastLonePresenceNanos < Math.max(MIN_LONE_PRESENCE_GAP_NANOS, 4 * window.nanos())) {
                presenceDirty = true;
                return;
            }
            lastLonePresenceNanos = now;
            presenceDirty = false;
            List<ViewerGroup> targets = groups;
            ByteBuf frame = WebSocketFrames.text(PooledByteBufAllocator.DEFAULT, ServerFrames.presence(room, viewers, peak));
            handOver(targets, frame, g -> (b, f) -> g.deliverShared(f), null);
        });
    }

    void close() {
        closed = true;
    }
}
