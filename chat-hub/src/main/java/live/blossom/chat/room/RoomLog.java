package live.blossom.chat.room;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.spi.exception.DistributedObjectDestroyedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import live.blossom.platform.cluster.ClusterFutures;

/**
 * A room's cluster-wide sequence: one Hazelcast Ringbuffer per room. Appending gives the
 * message its sequence (order across all nodes), reading by sequence gives history and
 * recovery. The ring keeps the last {@code capacity} entries with one synchronous backup, so a
 * member's death loses nothing that was acknowledged.
 *
 * <p>A ring lives while some node uses it: every append and every start of a reader first holds
 * the room's lease ({@link RingLeases}), and a ring that no node has read or written for the
 * lease term is destroyed. The room then starts again at sequence 0 under a new epoch, and a viewer
 * that comes back with a sequence of the old epoch is told that the room's sequence was reset.
 */
public final class RoomLog implements AutoCloseable {

    private static final String PREFIX = "chat.room.";
    private static final int MAX_READ = 1000;

    private final HazelcastInstance hazelcast;
    private final Vertx vertx;
    private final int maxRead;
    private final RingLeases leases;

    /** A room's ring lives until no node has read or written it for {@code retireAfter}. */
    public RoomLog(HazelcastInstance hazelcast, Vertx vertx, int capacity, Duration retireAfter, MeterRegistry registry) {
        this.hazelcast = hazelcast;
        this.vertx = vertx;
        this.maxRead = Math.min(MAX_READ, capacity);
        // Dynamic config: the same on every node; the platform builds Hazelcast's static config.
        hazelcast.getConfig().addRingBufferConfig(new RingbufferConfig(PREFIX + "*")
                .setCapacity(capacity).setBackupCount(1).setAsyncBackupCount(0));
        this.leases = new RingLeases(hazelcast, vertx, retireAfter, new RingLeases.Rings() {
            @Override
            public boolean holdEntries(String room) throws Exception {
                return ring(room).readManyAsync(0, 0, 1, null).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS).readCount() > 0;
            }

            @Override
            public void destroy(String room) {
                ring(room).destroy();
            }
        }, registry);
    }

    /** The rings' leases: which rooms this node keeps alive, and who hears of a retired room. */
    public RingLeases leases() {
        return leases;
    }

    private Ringbuffer<String> ring(String room) {
        return hazelcast.getRingbuffer(PREFIX + room);
    }

    /** Appends and answers the entry's sequence. */
    public Future<Long> append(String room, String json) {
        return leases.hold(room).compose(held ->
                ClusterFutures.on(ring(room).addAsync(json, OverflowPolicy.OVERWRITE), vertx.getOrCreateContext()));
    }

    /**
     * Up to 1000 entries (at most the capacity) from {@code from} on; waits for at least {@code minCount}.
     * A start below the ring's head is moved up to it (the result's first sequence tells).
     */
    public CompletionStage<ReadResultSet<String>> read(String room, long from, int minCount) {
        return read(room, from, minCount, maxRead);
    }

    /** As {@link #read(String, long, int)}, at most {@code maxCount} entries (and at most the capacity). */
    public CompletionStage<ReadResultSet<String>> read(String room, long from, int minCount, int maxCount) {
        return ring(room).readManyAsync(from, minCount, Math.min(maxCount, maxRead), null);
    }

    /**
     * The ring's epoch and the last sequence written (-1 for an empty ring), without blocking the
     * caller. A reader starts from it, so the room's lease is held first, and renewed in the
     * cluster even if this node renewed it lately, so that the epoch is the ring's as it is now.
     *
     * <p>Only an append creates a ring's storage (an array of {@code capacity} slots on two members):
     * Hazelcast's tail query would create it, so an empty ring is first recognised by a read that
     * waits for nothing, which does not. Viewers of a room nobody writes to, such as a made-up room
     * id, then cost the cluster no ring.
     */
    public Future<RingTail> tail(String room) {
        return leases.holdAfresh(room).compose(epoch -> ClusterFutures.on(ring(room).readManyAsync(0, 0, 1, null),
                        vertx.getOrCreateContext())
                .compose(first -> first.readCount() == 0 ? Future.succeededFuture(new RingTail(epoch, -1))
                        : vertx.executeBlocking(() -> new RingTail(epoch, tailSequence(room)), false)));
    }

    /** The last sequence written (-1 for an empty ring); a remote call, so run off the event loop. */
    private long tailSequence(String room) {
        return ring(room).tailSequence();
    }

    /**
     * Whether a failed read means that the ring was destroyed and began again: Hazelcast fails a
     * read waiting on a ring so when the ring is destroyed, and some versions refuse a read beyond
     * the tail.
     */
    public static boolean ringBeganAgain(Throwable readFailure) {
        Throwable cause = readFailure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof DistributedObjectDestroyedException || cause instanceof IllegalArgumentException;
    }

    @Override
    public void close() {
        leases.close();
    }
}
