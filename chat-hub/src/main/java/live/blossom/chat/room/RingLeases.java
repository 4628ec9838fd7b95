package live.blossom.chat.room;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryExpiredListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import live.blossom.platform.cluster.ClusterFutures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a room's ring lives. Every node renews a room's lease (an entry with a time to live in
 * a Hazelcast map) while it reads the room's ring (a feed is open) or writes to it; a lease that
 * no node renews for its term runs out, and the member that owns the lease entry retires the
 * room: its ring is destroyed, so rooms that ended stop holding cluster memory.
 *
 * <p>Safety: a node takes the lease before it touches a ring ({@link #hold}), and renews it every
 * quarter term while it keeps using the ring, so a lease never runs out under a user. Retiring
 * locks the lease entry and checks that it is still absent before it destroys the ring; a node
 * taking the lease meanwhile waits for that lock, and then starts a new, empty ring.
 */
public final class RingLeases implements AutoCloseable {

    static final String LEASES = "chat.ring-leases";
    private static final Logger log = LoggerFactory.getLogger(RingLeases.class);

    private final Vertx vertx;
    private final IMap<String, Long> leases;
    private final long termMs;
    private final long renewNanos;
    /** Room -> when this node last wrote the room's lease (nanoTime, taken before the write). */
    private final ConcurrentHashMap<String, Long> renewed = new ConcurrentHashMap<>();
    /** Room -> when this node last held the room's ring for a single use (an append, a tail). */
    private final ConcurrentHashMap<String, Long> used = new ConcurrentHashMap<>();
    private final List<Consumer<String>> onRetired = new CopyOnWriteArrayList<>();
    private final Consumer<String> destroyRing;
    private final Counter retired;
    private final UUID listener;
    private final long timer;
    private volatile Supplier<Collection<String>> watched = List::of;

    RingLeases(HazelcastInstance hazelcast, Vertx vertx, Duration term, Consumer<String> destroyRing,
               MeterRegistry registry) {
        this.vertx = vertx;
        this.termMs = Math.max(1_000, term.toMillis());
        this.renewNanos = TimeUnit.MILLISECONDS.toNanos(termMs / 4);
        this.destroyRing = destroyRing;
        this.retired = Counter.builder("chat.rings.retired")
                .description("Room rings destroyed after no node read or wrote them for chat.ring-retire-after")
                .register(registry);
        hazelcast.getConfig().addMapConfig(new MapConfig(LEASES).setBackupCount(1));
        this.leases = hazelcast.getMap(LEASES);
        // Local: only the owner of a lease entry hears that it ran out, so one member retires the room.
        this.listener = leases.addLocalEntryListener((EntryExpiredListener<String, Long>) event ->
                vertx.executeBlocking(() -> retireIfLapsed(event.getKey()), false));
        this.timer = vertx.setPeriodic(Math.max(250, termMs / 4), id -> renewAll());
    }

    /** The rooms whose rings this node reads continuously (its open feeds), renewed every quarter term. */
    public void watching(Supplier<Collection<String>> rooms) {
        this.watched = rooms;
    }

    /** Runs {@code action} with the room of every ring this member retires. */
    public void onRetired(Consumer<String> action) {
        onRetired.add(action);
    }

    /**
     * Completes once the room holds a lease long enough for one use of its ring; at once when this
     * node renewed it within the last quarter term.
     */
    public Future<Void> hold(String room) {
        long now = System.nanoTime();
        used.put(room, now);
        Long last = renewed.get(room);
        if (last != null && now - last < renewNanos) {
            return Future.succeededFuture();
        }
        return renew(room, now);
    }

    private Future<Void> renew(String room, long now) {
        return ClusterFutures.on(leases.setAsync(room, System.currentTimeMillis(), termMs, TimeUnit.MILLISECONDS),
                        vertx.getOrCreateContext())
                .onSuccess(v -> renewed.merge(room, now, Math::max));
    }

    /** Renews the rooms this node watches or used since the last round, and forgets the rest. */
    private void renewAll() {
        long now = System.nanoTime();
        Set<String> rooms = new HashSet<>(watched.get());
        used.forEach((room, at) -> {
            if (now - at < renewNanos) {
                rooms.add(room);
            }
        });
        used.values().removeIf(at -> now - at >= renewNanos);
        renewed.values().removeIf(at -> now - at >= 2 * renewNanos);
        for (String room : rooms) {
            renew(room, now).onFailure(e -> log.warn("chat ring lease not renewed room={} cause={}", room, e.toString()));
        }
    }

    /** On the lease entry's owner, after it ran out: retire the room unless a node took the lease again. */
    private Void retireIfLapsed(String room) throws InterruptedException {
        if (!leases.tryLock(room, 10, TimeUnit.SECONDS, 60, TimeUnit.SECONDS)) {
            log.warn("chat room ring not retired room={} reason=lease_locked", room);
            return null;
        }
        try {
            if (leases.containsKey(room)) {
                return null;
            }
            destroyRing.accept(room);
            retired.increment();
            log.info("chat room ring retired room={}", room);
        } finally {
            leases.unlock(room);
        }
        onRetired.forEach(action -> action.accept(room));
        return null;
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        leases.removeEntryListener(listener);
    }
}
