package live.blossom.chat.fanout;

import io.netty.channel.EventLoopGroup;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import live.blossom.chat.room.RoomLog;

/**
 * This node's rooms, sharded like Centrifuge's hub: 64 shards with a lock each, so joins to
 * different rooms do not contend. A room's feed starts on first join and reads its ring once
 * for the whole node; a sweep lets go of a feed that has had no viewer for the idle time, so a
 * node holds state only for rooms someone watches, not for every room ever joined.
 */
public final class RoomRegistry {

    private static final int SHARDS = 64;

    private final Vertx vertx;
    private final long idleSweep;

    private final RoomLog roomLog;
    private final FanoutMeters meters;
    private final WindowPolicy window;
    private final double readableRate;
    private final int recentLimit;
    private final EventLoopGroup loops;
    @SuppressWarnings("unchecked")
    private final Map<String, RoomFeed>[] shards = new Map[SHARDS];

    public RoomRegistry(Vertx vertx, RoomLog roomLog, FanoutMeters meters, WindowPolicy window, double readableRate,
                        int recentLimit, Duration idleClose) {
        this.vertx = vertx;
        this.roomLog = roomLog;
        this.meters = meters;
        this.window = window;
        this.readableRate = readableRate;
        this.recentLimit = recentLimit;
        this.loops = ((VertxInternal) vertx).nettyEventLoopGroup();
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new HashMap<>();
        }
        long idleNanos = idleClose.toNanos();
        this.idleSweep = vertx.setPeriodic(Math.max(100, Math.min(30_000, idleClose.toMillis() / 2)),
                id -> closeIdle(idleNanos));
    }

    private Map<String, RoomFeed> shard(String room) {
        return shards[Math.floorMod(room.hashCode(), SHARDS)];
    }

    /** The room's feed on this node, started if it was not running. */
    public RoomFeed feed(String room) {
        Map<String, RoomFeed> shard = shard(room);
        synchronized (shard) {
            RoomFeed feed = shard.get(room);
            if (feed != null) {
                feed.touch();
            } else {
                feed = new RoomFeed(room, roomLog, loops.next(), meters, window, readableRate, recentLimit, this::drop);
                shard.put(room, feed);
                feed.start();
            }
            return feed;
        }
    }

    /** The feed if this node has one, else null. */
    public RoomFeed existing(String room) {
        Map<String, RoomFeed> shard = shard(room);
        synchronized (shard) {
            return shard.get(room);
        }
    }

    /** A feed that ended by itself: the room's next join starts a new one. */
    private void drop(RoomFeed feed) {
        Map<String, RoomFeed> shard = shard(feed.room());
        synchronized (shard) {
            shard.remove(feed.room(), feed);
        }
    }

    /** Closes the feeds that have had no local viewer and no join for {@code idleNanos}. */
    private void closeIdle(long idleNanos) {
        long cutoff = System.nanoTime() - idleNanos;
        int closed = 0;
        for (Map<String, RoomFeed> shard : shards) {
            synchronized (shard) {
                Iterator<RoomFeed> it = shard.values().iterator();
                while (it.hasNext()) {
                    RoomFeed feed = it.next();
                    if (feed.idleSince(cutoff)) {
                        it.remove();
                        feed.close();
                        closed++;
                    }
                }
            }
        }
        meters.roomsClosed.increment(closed);
    }

    /** Rooms with a feed on this node. */
    public int size() {
        int n = 0;
        for (Map<String, RoomFeed> shard : shards) {
            synchronized (shard) {
                n += shard.size();
            }
        }
        return n;
    }

    /** The rooms with a feed on this node. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        forEach(feed -> names.add(feed.room()));
        return names;
    }

    public void forEach(Consumer<RoomFeed> action) {
        List<RoomFeed> all = new ArrayList<>();
        for (Map<String, RoomFeed> shard : shards) {
            synchronized (shard) {
                all.addAll(shard.values());
            }
        }
        all.forEach(action);
    }

    public void close() {
        vertx.cancelTimer(idleSweep);
        forEach(RoomFeed::close);
    }
}
