package live.blossom.chat.presence;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import live.blossom.chat.fanout.RoomRegistry;
import live.blossom.platform.cluster.ClusterFutures;

/**
 * Viewers per room summed over the cluster. Every interval each node publishes its local counts
 * on the event bus; each node sums the fresh reports of all nodes, raises the room's peak kept in
 * a Hazelcast map, and pushes the figures to its own viewers of the room.
 */
public final class PresenceBoard {

    static final String ADDRESS = "chat.presence";
    private static final String PEAKS = "chat.peaks";

    private final Vertx vertx;
    private final RoomRegistry rooms;
    private final String node;
    private final long intervalMs;
    private final IMap<String, Long> peaks;
    /** room -> node -> {count, receivedAtMillis}. */
    private final Map<String, Map<String, long[]>> reports = new ConcurrentHashMap<>();
    private MessageConsumer<JsonObject> consumer;
    private long timer = -1;

    public PresenceBoard(Vertx vertx, HazelcastInstance hazelcast, RoomRegistry rooms, Duration interval) {
        this.vertx = vertx;
        this.rooms = rooms;
        this.node = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.intervalMs = interval.toMillis();
        this.peaks = hazelcast.getMap(PEAKS);
    }

    public void start() {
        consumer = vertx.eventBus().consumer(ADDRESS, message -> {
            JsonObject body = message.body();
            String from = body.getString("node");
            JsonObject counts = body.getJsonObject("rooms", new JsonObject());
            long now = System.currentTimeMillis();
            for (String room : counts.fieldNames()) {
                reports.computeIfAbsent(room, r -> new ConcurrentHashMap<>())
                        .put(from, new long[] {counts.getLong(room, 0L), now});
            }
        });
        timer = vertx.setPeriodic(intervalMs, id -> tick());
    }

    private void tick() {
        // Reports of rooms that no node has mentioned for a while (closed feeds) are let go.
        long stale = System.currentTimeMillis() - 3 * intervalMs;
        reports.values().removeIf(byNode -> {
            byNode.values().removeIf(r -> r[1] < stale);
            return byNode.isEmpty();
        });
        JsonObject counts = new JsonObject();
        rooms.forEach(feed -> counts.put(feed.room(), feed.localViewers()));
        if (!counts.isEmpty()) {
            vertx.eventBus().publish(ADDRESS, new JsonObject().put("node", node).put("rooms", counts));
        }
        rooms.forEach(feed -> {
            long total = viewers(feed.room(), feed.localViewers());
            if (feed.localViewers() == 0) {
                return;
            }
            ClusterFutures.on(peaks.submitToKey(feed.room(), new PeakMax(total)), vertx.getOrCreateContext())
                    .onSuccess(peak -> feed.presence(total, peak));
        });
    }

    /** The room's viewers over the cluster: fresh reports of other nodes plus this node's own count. */
    private long viewers(String room, long local) {
        long total = local;
        Map<String, long[]> byNode = reports.get(room);
        if (byNode != null) {
            long fresh = System.currentTimeMillis() - 3 * intervalMs;
            for (Map.Entry<String, long[]> e : byNode.entrySet()) {
                if (!e.getKey().equals(node) && e.getValue()[1] >= fresh) {
                    total += e.getValue()[0];
                }
            }
        }
        return total;
    }

    /** The room was retired (its ring destroyed): its peak goes with it, and a new life starts from 0. */
    public void forget(String room) {
        peaks.delete(room);
    }

    /** {@code {"room","viewers","peak"}} as the REST API shows it. */
    public Future<JsonObject> snapshot(String room) {
        var feed = rooms.existing(room);
        long total = viewers(room, feed == null ? 0 : feed.localViewers());
        return ClusterFutures.on(peaks.getAsync(room), vertx.getOrCreateContext())
                .map(peak -> new JsonObject().put("room", room).put("viewers", total)
                        .put("peak", Math.max(total, peak == null ? 0 : peak)));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (consumer != null) {
            consumer.unregister();
        }
    }
}
