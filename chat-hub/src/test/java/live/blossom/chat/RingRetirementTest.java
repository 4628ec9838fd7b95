package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.EntryView;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.impl.RingbufferService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.ChatNode;
import live.blossom.chat.support.CommerceEvents;
import live.blossom.platform.auth.Role;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.redis.RedisLauncher;
import live.blossom.platform.redis.RedisServerProcess;
import live.blossom.platform.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A room's ring in a two-member cluster lives while the room is used")
class RingRetirementTest {

    private static final Duration RETIRE_AFTER = Duration.ofSeconds(2);
    /** Lease term, then Hazelcast's expiry sweep (every 5 s), then the retirement itself. */
    private static final Duration LONG = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    static RedisServerProcess redis;
    static ChatNode a;
    static ChatNode b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisLauncher.launch(dir.resolve("redis"), "everysec", "");
        int[] ports = {TestNode.freePort(), TestNode.freePort()};
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
        a = ChatNode.start(config(dir.resolve("a"), ports[0], members));
        b = ChatNode.start(config(dir.resolve("b"), ports[1], members));
        await().atMost(LONG).until(() -> a.platform.hazelcast().getCluster().getMembers().size() == 2);
    }

    private static BlossomConfig config(Path dataDir, int clusterPort, String members) {
        return ChatNode.member(dataDir, clusterPort, members, redis.uri())
                .with(ChatKeys.RING_RETIRE_AFTER, RETIRE_AFTER.toMillis() + "ms")
                .with(ChatKeys.ROOM_IDLE_CLOSE, "500ms");
    }

    @AfterAll
    static void stop() throws Exception {
        ChatNode.closeAll(b, a, redis);
    }

    private static boolean ringExists(String room) {
        return a.platform.hazelcast().getDistributedObjects().stream().map(DistributedObject::getName)
                .anyMatch(("chat.room." + room)::equals);
    }

    /**
     * How many members store a ring for {@code room} (its primary and its backup once written): the
     * slots themselves, which Hazelcast's public API does not show apart from the ring's proxy.
     */
    private static long ringStores(String room) {
        return Stream.of(a, b).mapToLong(node -> {
            RingbufferService service = ((HazelcastInstanceProxy) node.platform.hazelcast()).getOriginal()
                    .node.getNodeEngine().getService(RingbufferService.SERVICE_NAME);
            return service.getContainers().values().stream().flatMap(rings -> rings.keySet().stream())
                    .filter(ring -> ring.getObjectName().equals("chat.room." + room)).count();
        }).sum();
    }

    private static double retired() {
        return List.of(a, b).stream()
                .mapToDouble(n -> n.platform.metrics().registry().counter("chat.rings.retired").count()).sum();
    }

    /** An anonymous viewer on node {@code on} that has joined {@code room}, live. */
    private static ChatClient watching(ChatNode on, String room) {
        ChatClient viewer = on.connect(null);
        viewer.join(room, -1);
        await().atMost(LONG).until(() -> !viewer.ofType("joined").isEmpty());
        return viewer;
    }

    /** A viewer on b that has read {@code texts}, said in {@code room} on a. */
    private static ChatClient heard(String room, String... texts) {
        ChatClient viewer = watching(b, room);
        try {
            say(a, room, texts);
            await().atMost(LONG).until(() -> viewer.texts().size() == texts.length);
            return viewer;
        } catch (RuntimeException | Error e) {
            viewer.close();
            throw e;
        }
    }

    /** The rooms' leases (room -> epoch of its ring). */
    private static IMap<String, String> leases() {
        return a.platform.hazelcast().getMap("chat.ring-leases");
    }

    /** Says {@code texts} in {@code room} from node {@code on} as a host, then leaves; answers the last sequence. */
    private static long say(ChatNode on, String room, String... texts) {
        try (ChatClient host = on.connect(on.token("hana", Role.HOST))) {
            host.join(room, -1);
            await().atMost(LONG).until(() -> !host.ofType("joined").isEmpty());
            for (String text : texts) {
                host.say(room, text, text);
            }
            await().atMost(LONG).until(() -> host.texts().size() == texts.length);
            return host.lastSeen();
        }
    }

    @Test
    @DisplayName("a room nobody reads or writes loses its ring; a viewer coming back is told the sequence was reset and reads the new one from 0")
    void unusedRoomIsRetired() {
        String room = "soap-launch";
        long last = say(a, room, "one", "two", "three");
        assertThat(last).isEqualTo(2);
        double before = retired();

        await().atMost(LONG).until(() -> !ringExists(room));
        assertThat(retired()).isGreaterThan(before);
        assertThat(a.platform.hazelcast().getMap("chat.peaks").containsKey(room)).isFalse();

        try (ChatClient back = b.connect(null)) {
            back.join(room, last);
            await().atMost(LONG).until(() -> back.has(f -> "error".equals(f.getString("type"))
                    && "sequence_reset".equals(f.getString("code"))));
            say(a, room, "again");
            await().atMost(LONG).until(() -> back.texts().contains("again"));
            assertThat(back.texts()).containsExactly("again");
            assertThat(back.sequences()).containsExactly(0L);
        }
        // Written to the new ring while the viewer was away: all of it came after what it saw.
        try (ChatClient late = b.connect(null)) {
            late.join(room, last + 5);
            await().atMost(LONG).until(() -> late.has(f -> "sequence_reset".equals(f.getString("code"))));
            await().atMost(LONG).until(() -> late.texts().contains("again"));
            say(a, room, "and again");
            await().atMost(LONG).until(() -> late.texts().contains("and again"));
            assertThat(late.texts()).containsExactly("again", "and again");
            assertThat(late.sequences()).containsExactly(0L, 1L);
        }
    }

    @Test
    @DisplayName("a viewer coming back after the room's ring began again and grew past its sequence is told so by the epoch and reads the new ring from its start")
    void epochTellsAnEarlierRing() {
        String room = "second-season";
        long last;
        String oldEpoch;
        try (ChatClient viewer = heard(room, "old-0", "old-1", "old-2")) {
            last = viewer.lastSeen();
            oldEpoch = viewer.epoch();
        }
        assertThat(last).isEqualTo(2);
        assertThat(oldEpoch).isNotBlank();

        await().atMost(LONG).until(() -> !ringExists(room));
        // The new ring is already past sequence 2 when the viewer comes back.
        List<String> fresh = List.of("new-0", "new-1", "new-2", "new-3", "new-4", "new-5");
        say(a, room, fresh.toArray(String[]::new));
        try (ChatClient back = b.connect(null)) {
            back.join(room, last, oldEpoch);
            await().atMost(LONG).until(() -> back.texts().size() == fresh.size());
            assertThat(back.texts()).containsExactlyElementsOf(fresh);
            assertThat(back.sequences()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(back.ofType("error")).singleElement()
                    .satisfies(e -> assertThat(e.getString("code")).isEqualTo("sequence_reset"));
            assertThat(back.epoch()).isNotEqualTo(oldEpoch);

            // Coming back again within the same life of the ring goes on from where it was.
            try (ChatClient again = a.connect(null)) {
                again.join(room, 3, back.epoch());
                await().atMost(LONG).until(() -> again.texts().size() == 2);
                assertThat(again.sequences()).containsExactly(4L, 5L);
                assertThat(again.ofType("error")).isEmpty();
                assertThat(again.epoch()).isEqualTo(back.epoch());
            }
        }
    }

    @Test
    @DisplayName("a room used again just after its lease ran out, before the ring was retired, starts a new ring")
    void leaseRanOutRingStartsAfresh() {
        String room = "lapsed-stall";
        say(a, room, "stale-0", "stale-1");
        // Once no node renews the lease, join just after it runs out: before Hazelcast's expiry sweep
        // (every 5 s) retires the ring, most of the time. Whichever comes first, the room starts again.
        IMap<String, String> leases = leases();
        AtomicLong expiresAt = new AtomicLong(-1);
        await().during(RETIRE_AFTER.dividedBy(2).plusMillis(300)).atMost(LONG).until(() -> {
            EntryView<String, String> lease = leases.getEntryView(room); // reads the entry, renews nothing
            // Null once it ran out already: a busy machine polled late, and the sweep may come first.
            long at = lease == null ? 0 : lease.getExpirationTime();
            return at == expiresAt.getAndSet(at);
        });
        await().atMost(LONG).pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() > expiresAt.get() + 50);
        try (ChatClient viewer = watching(b, room)) {
            say(a, room, "fresh");
            await().atMost(LONG).until(() -> viewer.texts().contains("fresh"));
            assertThat(viewer.sequences()).containsExactly(0L);
        }
    }

    @Test
    @DisplayName("a lease lost while its room is in use (as when the members holding it die) is written back with its epoch: ring and sequence go on")
    void lostLeaseIsWrittenBack() {
        String room = "lost-lease";
        IMap<String, String> leases = leases();
        try (ChatClient viewer = heard(room, "one")) {
            String epoch = viewer.epoch();

            leases.delete(room);
            await().atMost(LONG).until(() -> epoch.equals(leases.get(room)));
            say(a, room, "two");
            await().atMost(LONG).until(() -> viewer.texts().size() == 2);
            assertThat(viewer.sequences()).containsExactly(0L, 1L);
            assertThat(viewer.ofType("error")).isEmpty();
        }
    }

    @Test
    @DisplayName("a ring retired and taken anew under a node that still reads it (it was cut off) ends that node's feed at once; joining again names the new epoch and reads the new ring")
    void ringTakenAnewEndsTheFeed() {
        String room = "cut-off";
        IMap<String, String> leases = leases();
        try (ChatClient viewer = heard(room, "before")) {

            // What the cluster did while b could not renew: the lease ran out, the ring was retired,
            // and another node took the lease anew.
            leases.lock(room);
            try {
                leases.delete(room);
                a.platform.hazelcast().getRingbuffer("chat.room." + room).destroy();
                leases.set(room, "elsewhere", RETIRE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                leases.unlock(room);
            }
            // No line is needed to find out: the destroyed ring fails b's waiting read.
            await().atMost(LONG).until(() -> viewer.has(f -> "room_reset".equals(f.getString("code"))));
            viewer.join(room, -1, null);
            await().atMost(LONG).until(() -> viewer.ofType("joined").size() == 2);
            assertThat(viewer.epoch()).isEqualTo("elsewhere");
            say(a, room, "after");
            await().atMost(LONG).until(() -> viewer.texts().size() == 2);
            assertThat(viewer.texts()).containsExactly("before", "after");
            assertThat(viewer.sequences()).containsExactly(0L, 0L);
        }
    }

    @Test
    @DisplayName("a quiet room someone watches keeps its ring and its sequence, whichever member owns its lease")
    void watchedRoomKeepsItsRing() {
        // Six rooms spread their leases over both members; each is watched only from b.
        List<String> rooms = IntStream.range(0, 6).mapToObj(i -> "night-market-" + i).toList();
        List<ChatClient> viewers = rooms.stream().map(room -> {
            ChatClient viewer = b.connect(null);
            viewer.join(room, -1);
            return viewer;
        }).toList();
        try {
            for (ChatClient viewer : viewers) {
                await().atMost(LONG).until(() -> !viewer.ofType("joined").isEmpty());
            }
            for (String room : rooms) {
                say(a, room, "first");
            }
            // Quiet for three lease terms and past an expiry sweep: only b's watching keeps the rooms.
            Duration quiet = RETIRE_AFTER.multipliedBy(3).plusSeconds(5);
            await().during(quiet).atMost(quiet.plus(LONG))
                    .until(() -> rooms.stream().allMatch(RingRetirementTest::ringExists));
            for (String room : rooms) {
                say(a, room, "second");
            }
            for (ChatClient viewer : viewers) {
                await().atMost(LONG).until(() -> viewer.texts().size() == 2);
                assertThat(viewer.texts()).containsExactly("first", "second");
                assertThat(viewer.sequences()).containsExactly(0L, 1L);
                assertThat(viewer.ofType("error")).isEmpty();
            }
        } finally {
            viewers.forEach(ChatClient::close);
        }
    }

    @Test
    @DisplayName("viewers of rooms nobody writes to, such as made-up room ids, make the cluster store no ring; the first line does")
    void watchingAloneStoresNoRing() {
        List<String> rooms = IntStream.range(0, 24).mapToObj(i -> "made-up-" + i).toList();
        List<ChatClient> browsers = IntStream.range(0, 3).mapToObj(i -> (i % 2 == 0 ? a : b).connect(null)).toList();
        try (ChatClient stays = b.connect(null); ChatClient returning = a.connect(null)) {
            // Each browser joins and leaves eight of the rooms, one after another.
            for (int i = 0; i < rooms.size(); i++) {
                ChatClient browser = browsers.get(i % browsers.size());
                int joined = browser.ofType("joined").size();
                browser.join(rooms.get(i), -1);
                await().atMost(LONG).until(() -> browser.ofType("joined").size() == joined + 1);
                browser.send(new JsonObject().put("type", "leave").put("room", rooms.get(i)));
            }
            stays.join("made-up-0", -1);
            returning.join("made-up-1", 7);
            await().atMost(LONG).until(() -> !stays.ofType("joined").isEmpty() && returning.has(f ->
                    "error".equals(f.getString("type")) && "sequence_reset".equals(f.getString("code"))));
            assertThat(rooms).allSatisfy(room -> assertThat(ringStores(room)).as(room).isZero());

            say(a, "made-up-0", "hello");
            await().atMost(LONG).until(() -> stays.texts().contains("hello"));
            assertThat(stays.sequences()).containsExactly(0L);
            assertThat(ringStores("made-up-0")).isEqualTo(2);
            assertThat(ringStores("made-up-1")).isZero();
        } finally {
            browsers.forEach(ChatClient::close);
        }
    }

    @Test
    @DisplayName("a sale event for a room with no audience does not keep its ring forever")
    void eventOnlyRoomIsRetired() {
        String room = "empty-booth";
        CommerceEvents.unitsLeft(a.platform.vertx(), room, "s9", 5, 10, System.currentTimeMillis());
        await().atMost(LONG).until(() -> ringExists(room));
        await().atMost(LONG).until(() -> !ringExists(room));
    }
}
