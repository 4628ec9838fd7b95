package live.blossom.chat.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.config.RingbufferStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.RingbufferStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import live.blossom.chat.support.CommerceEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Commerce events reach the room's sequence exactly once, also when an append fails")
class RoomEventsTest {

    /** A room whose ring rejects its first append (see {@link FailsFirstWrites}). */
    private static final String FLAKY = "flaky-room";
    private static final FailsFirstWrites flakyStore = new FailsFirstWrites(1);
    /** A room whose ring rejects its first two appends, the fallback's too. */
    private static final String REFUSING = "refusing-room";
    private static final FailsFirstWrites refusingStore = new FailsFirstWrites(2);

    static HazelcastInstance hazelcast;
    static Vertx vertx;
    static RoomLog roomLog;
    static RoomEvents events;

    @BeforeAll
    static void start() {
        Config config = new Config().setClusterName("room-events-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.getMetricsConfig().setEnabled(false);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        // RoomLog names a room's ring "chat.room.<room>"; this exact name wins over its wildcard.
        config.addRingBufferConfig(new RingbufferConfig("chat.room." + FLAKY).setCapacity(100)
                .setRingbufferStoreConfig(new RingbufferStoreConfig().setEnabled(true).setStoreImplementation(flakyStore)));
        config.addRingBufferConfig(new RingbufferConfig("chat.room." + REFUSING).setCapacity(100)
                .setRingbufferStoreConfig(new RingbufferStoreConfig().setEnabled(true).setStoreImplementation(refusingStore)));
        hazelcast = Hazelcast.newHazelcastInstance(config);
        vertx = Vertx.vertx();
        roomLog = new RoomLog(hazelcast, vertx, 100, Duration.ofMinutes(30), new SimpleMeterRegistry());
        events = new RoomEvents(vertx, hazelcast, roomLog);
        events.start();
    }

    @AfterAll
    static void stop() {
        events.stop();
        roomLog.close();
        vertx.close().await();
        hazelcast.shutdown();
    }

    /** The events in the room's ring, oldest first. */
    private static List<JsonObject> posted(String room) throws Exception {
        List<JsonObject> out = new ArrayList<>();
        for (String line : roomLog.read(room, 0, 0).toCompletableFuture().get()) {
            out.add(new JsonObject(line).getJsonObject("event"));
        }
        return out;
    }

    @Test
    @DisplayName("an event whose append fails is posted by the next delivery (the fallback), once")
    void failedAppendLeavesTheEventToTheNextDelivery() throws Exception {
        CommerceEvents.unitsLeft(vertx, FLAKY, "s1", 7, 100, System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(5)).until(() -> flakyStore.failures.get() == 1);
        // Without giving the claim back, the fallback finds it taken and the event is lost.
        await().atMost(Duration.ofSeconds(10)).until(() -> !posted(FLAKY).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> posted(FLAKY).size() == 1);
        JsonObject event = posted(FLAKY).get(0);
        assertThat(event.getString("type")).isEqualTo("units_left");
        assertThat(event.getInteger("left")).isEqualTo(7);
    }

    @Test
    @DisplayName("an event whose ring refuses it for a while is tried again until it goes in, and is posted once")
    void refusedAppendIsTriedAgain() throws Exception {
        CommerceEvents.unitsLeft(vertx, REFUSING, "s3", 4, 100, System.currentTimeMillis());
        // Without tries of its own, the node's one fallback also meets a refusal and the event is lost.
        await().atMost(Duration.ofSeconds(10)).until(() -> refusingStore.failures.get() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> !posted(REFUSING).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> posted(REFUSING).size() == 1);
        assertThat(posted(REFUSING).get(0).getInteger("left")).isEqualTo(4);
    }

    @Test
    @DisplayName("an event whose append succeeds is posted once: the later deliveries find it claimed")
    void successfulAppendIsNotRepeated() throws Exception {
        String room = "steady-room";
        CommerceEvents.unitsLeft(vertx, room, "s2", 3, 10, System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(5)).until(() -> posted(room).size() == 1);
        // The fallback delivery comes 2 s later and must not post it again.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> posted(room).size() == 1);
    }

    @Test
    @DisplayName("a claim is given back only by the node that holds it")
    void onlyTheHolderReleasesAClaim() {
        IMap<String, String> claims = hazelcast.getMap("claims-spec");
        assertThat(claims.executeOnKey("e1", ClaimOnce.take("a/1"))).isTrue();
        assertThat(claims.executeOnKey("e1", ClaimOnce.take("b/1"))).as("already a's").isFalse();
        assertThat(claims.executeOnKey("e1", ClaimOnce.giveBack("b/1"))).as("not b's to give back").isFalse();
        assertThat(claims.executeOnKey("e1", ClaimOnce.take("b/2"))).as("still a's").isFalse();
        assertThat(claims.executeOnKey("e1", ClaimOnce.giveBack("a/1"))).isTrue();
        assertThat(claims.executeOnKey("e1", ClaimOnce.take("b/3"))).as("free again").isTrue();
    }

    /**
     * A ring store whose first writes throw: Hazelcast then rejects those appends, a real fault.
     * Items come serialized (the ring keeps them in binary form), hence Object.
     */
    static final class FailsFirstWrites implements RingbufferStore<Object> {

        final AtomicInteger failures = new AtomicInteger();
        private final int failing;

        FailsFirstWrites(int failing) {
            this.failing = failing;
        }

        @Override
        public void store(long sequence, Object data) {
            if (failures.getAndUpdate(n -> Math.min(n + 1, failing)) < failing) {
                throw new IllegalStateException("store unavailable (test)");
            }
        }

        @Override
        public void storeAll(long firstItemSequence, Object[] items) {
            for (Object item : items) {
                store(firstItemSequence++, item);
            }
        }

        @Override
        public Object load(long sequence) {
            return null;
        }

        @Override
        public long getLargestSequence() {
            return -1;
        }
    }
}
