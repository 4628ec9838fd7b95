package live.blossom.chat.room;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import live.blossom.platform.cluster.ClusterFutures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a room's ring lives, and which life of the ring it is. Every node renews a room's
 * lease (an entry with a time to live in a Hazelcast map) while it reads the room's ring (a feed
 * is open) or writes to it; a lease that no node renews for its term runs out, and the member that
 * owns the lease entry retires the room: its ring is destroyed, so rooms that ended stop holding
 * cluster memory.
 *
 * <p>The lease's value is the ring's epoch, drawn when a node takes a lease that is absent and kept
 * by every renewal: the same epoch means the same ring, so a viewer coming back with a sequence of
 * another epoch is known to come from an earlier ring, whatever that sequence is.
 *
 * <p>Safety: a node takes the lease before it touches a ring ({@link #hold}), and renews it every
 * quarter term while it keeps using the ring, so a lease never runs out under a user. Retiring
 * locks the lease entry and checks that it is still absent before it destroys the ring; taking an
 * absent lease locks it too, and first retires what a ring whose lease ran out still holds, so a
 * new epoch always starts an empty ring.
 */
public final class RingLeases implements AutoCloseable {

    static final String LEASES = "chat.ring-leases";
    private static final Logger log = LoggerFactory.getLogger(RingLeases.class);

    /** What the leases do with the rooms' rings. */
    interface Rings {
        /** Whether the room's ring holds entries; a remote call, so not on an event loop. */
        boolean holdEntries(String room) throws Exception;

        void destroy(String room);
    }

    private final Vertx vertx;
    private final IMap<String, String> leases;
    private final long termMs;
    private final long renewNanos;
    /** Room -> the epoch of its lease and when this node last wrote it (nanoTime, taken before the write). */
    private final ConcurrentHashMap<String, Held> renewed = new ConcurrentHashMap<>();
    /** Room -> when this node last held the room's ring for a single use (an append, a tail). */
    private final ConcurrentHashMap<String, Long> used = new ConcurrentHashMap<>();
    private final List<Consumer<String>> onRetired = new CopyOnWriteArrayList<>();
    private final Rings rings;
    private final Counter retired;
    private final UUID listener;
    private final long timer;
    private volatile Supplier<Collection<String>> watched = List::of;

    RingLeases(HazelcastInstance hazelcast, Vertx vertx, Duration term, Rings rings, MeterRegistry registry) {
        this.vertx = vertx;
        this.termMs = Math.max(1_000, term.toMillis());
        this.renewNanos = TimeUnit.MILLISECONDS.toNanos(termMs / 4);
        this.rings = rings;
        this.retired = Counter.builder("chat.rings.retired")
                .description("Room rings destroyed after no node read or wrote them for chat.ring-retire-after")
                .register(registry);
        hazelcast.getConfig().addMapConfig(new MapConfig(LEASES).setBackupCount(1));
        this.leases = hazelcast.getMap(LEASES);
        // Local: only the owner of a lease entry hears that it ran out, so one member retires the room
        // (unless a node took the lease again meanwhile).
        this.listener = leases.addLocalEntryListener((EntryExpiredListener<String, String>) event ->
                vertx.executeBlocking(() -> settleAbsent(event.getKey(), false), false).onFailure(e ->
                        log.warn("chat room ring not retired room={} cause={}", event.getKey(), e.toString())));
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
     * Completes with the room's epoch once the room holds a lease long enough for one use of its
     * ring; at once when this node renewed it within the last quarter term.
     */
    public Future<String> hold(String room) {
        long now = System.nanoTime();
        used.put(room, now);
        Held last = renewed.get(room);
        if (last != null && now - last.at() < renewNanos) {
            return Future.succeededFuture(last.epoch());
        }
        return renew(room, now);
    }

    /**
     * As {@link #hold}, but always asks the cluster: for a reader about to start, which must name the
     * ring's epoch as it is now, not as this node last renewed it.
     */
    public Future<String> holdAfresh(String room) {
        long now = System.nanoTime();
        used.put(room, now);
        return renew(room, now);
    }

    private Future<String> renew(String room, long now) {
        Held last = renewed.get(room);
        // A lease this node wrote less than half a term ago cannot have run out: if its entry is
        // gone, the members that held it died, so it is written back with its epoch.
        String known = last != null && now - last.at() < 2 * renewNanos ? last.epoch() : null;
        return ClusterFutures.on(leases.submitToKey(room, new Renewal(termMs, known)), vertx.getOrCreateContext())
                .compose(epoch -> epoch != null ? Future.succeededFuture(epoch)
                        : vertx.executeBlocking(() -> settleAbsent(room, true), false))
                .onSuccess(epoch -> renewed.merge(room, new Held(epoch, now),
                        (held, next) -> next.at() - held.at() >= 0 ? next : held));
    }

    /**
     * Settles a room whose lease is absent, under the lease entry's lock: if no node took the lease
     * meanwhile, retires the room's ring, and with {@code take} takes the lease under a new epoch.
     * Taking retires the ring only if it holds entries (its lease ran out and the owner has not
     * retired it yet: they belong to the old epoch); a new room has none. Answers the lease's
     * epoch, or null when it stays absent.
     */
    private String settleAbsent(String room, boolean take) throws Exception {
        if (!leases.tryLock(room, 10, TimeUnit.SECONDS, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the lease of room " + room + " stayed locked");
        }
        boolean retiredNow = false;
        String epoch;
        try {
            epoch = leases.get(room);
            if (epoch != null) {
                return epoch; // a node took it meanwhile
            }
            if (!take || rings.holdEntries(room)) {
                rings.destroy(room);
                retiredNow = true;
            }
            if (take) {
                epoch = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, Character.MAX_RADIX);
                leases.set(room, epoch, termMs, TimeUnit.MILLISECONDS);
            }
        } finally {
            leases.unlock(room);
        }
        if (retiredNow) {
            retired.increment();
            log.info("chat room ring retired room={}", room);
            onRetired.forEach(action -> action.accept(room));
        }
        return epoch;
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
        renewed.values().removeIf(held -> now - held.at() >= 2 * renewNanos);
        for (String room : rooms) {
            renew(room, now).onFailure(e -> log.warn("chat ring lease not renewed room={} cause={}", room, e.toString()));
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        leases.removeEntryListener(listener);
    }

    private record Held(String epoch, long at) {
    }

    /**
     * Renews a lease where its entry lives, in one step: keeps its epoch, or writes {@code known}
     * back if the entry was lost; answers the epoch, or null when the lease is absent and must be
     * taken anew ({@link #settleAbsent}).
     */
    record Renewal(long termMs, String known) implements EntryProcessor<String, String, String> {
        @Override
        public String process(Map.Entry<String, String> entry) {
            String epoch = entry.getValue() != null ? entry.getValue() : known;
            if (epoch != null) {
                ((ExtendedMapEntry<String, String>) entry).setValue(epoch, termMs, TimeUnit.MILLISECONDS);
            }
            return epoch;
        }
    }
}
