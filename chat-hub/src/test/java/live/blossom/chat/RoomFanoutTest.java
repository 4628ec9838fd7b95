package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.CommerceEvents;
import live.blossom.chat.support.ChatNode;
import live.blossom.chat.support.StalledViewer;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Rooms and fan-out on one node")
class RoomFanoutTest {

    @TempDir
    static Path dir;
    static ChatNode node;

    @BeforeAll
    static void start() {
        node = ChatNode.start(ChatNode.config(dir)
                .with(ChatKeys.RATE_LIMIT_COUNT, 100_000)
                .with(ChatKeys.INBOUND_FRAMES_PER_SECOND, 100_000)
                .with(ChatKeys.RING_CAPACITY, 300)
                .with(ChatKeys.RECENT_ITEMS, 10)
                .with(ChatKeys.STALL_TIMEOUT, "2s")
                .with(ChatKeys.WRITE_HIGH_WATER, 8192));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static ChatClient joined(String room, long since, String token) {
        ChatClient c = node.connect(token);
        c.join(room, since);
        await().until(() -> !c.ofType("joined").isEmpty());
        return c;
    }

    private static List<String> sayAll(ChatClient writer, String room, String prefix, int n) {
        List<String> texts = new ArrayList<>();
        String cid = "k" + Integer.toHexString(prefix.hashCode()) + "-";
        long before = acks(writer, room, cid);
        for (int i = 0; i < n; i++) {
            texts.add(prefix + i);
            writer.say(room, prefix + i, cid + i);
            if (i % 25 == 24) {
                int sent = i + 1;
                await().until(() -> acks(writer, room, cid) - before == sent);
            }
        }
        await().until(() -> acks(writer, room, cid) - before == n);
        return texts;
    }

    private static long acks(ChatClient writer, String room, String prefix) {
        return writer.ofType("ack").stream().filter(a -> room.equals(a.getString("room"))
                && a.getString("cid", "").startsWith(prefix)).count();
    }

    @Test
    @DisplayName("a viewer who reconnects with its last sequence gets exactly what it missed, then live messages")
    void recoveryWithoutGapOrDuplicate() {
        String room = "recover";
        try (ChatClient writer = joined(room, -1, node.token("host1", Role.HOST))) {
            ChatClient first = joined(room, -1, null);
            List<String> before = sayAll(writer, room, "a", 5);
            await().until(() -> first.texts().containsAll(before));
            long last = first.lastSeen();
            first.close();
            // 30 messages: more than the node's recent items, so the gap is read from the ring.
            List<String> missed = sayAll(writer, room, "b", 30);
            try (ChatClient again = joined(room, last, null)) {
                List<String> after = sayAll(writer, room, "c", 3);
                List<String> expected = new ArrayList<>(missed);
                expected.addAll(after);
                await().until(() -> again.texts().size() >= expected.size());
                assertThat(again.texts()).containsExactlyElementsOf(expected);
                assertContiguous(again, last + 1);
            }
        }
    }

    @Test
    @DisplayName("a viewer whose gap is older than the ring is told so and continues from the oldest kept message, in chunks")
    void historyGone() {
        String room = "too-old";
        try (ChatClient writer = joined(room, -1, node.token("host2", Role.HOST))) {
            sayAll(writer, room, "x", 320);
            try (ChatClient late = joined(room, 0, null)) {
                await().until(() -> late.has(f -> "history_gone".equals(f.getString("code"))));
                await().until(() -> late.texts().contains("x319"));
                assertThat(late.texts()).doesNotContain("x0").doesNotHaveDuplicates();
                // The replay comes in chunks, each written only once the viewer has taken the last.
                assertThat(late.ofType("batch")).hasSizeGreaterThan(1)
                        .allSatisfy(b -> assertThat(b.getJsonArray("messages").size()).isLessThanOrEqualTo(200));
            }
        }
    }

    @Test
    @DisplayName("commerce events and room notices from the event bus appear in the room's batches")
    void commerceEvents() {
        String room = "yak-soap";
        try (ChatClient viewer = joined(room, -1, null)) {
            long at = System.currentTimeMillis();
            CommerceEvents.unitsLeft(node.platform.vertx(), room, "s1", 7, 100, at);
            node.platform.vertx().eventBus().publish("blossom.room.notice", new JsonObject()
                    .put("type", "broadcast_ending").put("room", room).put("endsAt", at + 60_000).put("at", at));
            await().until(() -> viewer.messages().size() == 2);
            assertThat(viewer.messages()).extracting(m -> m.getString("type")).containsOnly("event");
            assertThat(viewer.messages()).extracting(m -> m.getJsonObject("event").getString("type"))
                    .containsExactly("units_left", "broadcast_ending");
            assertThat(viewer.messages().get(0).getJsonObject("event").getInteger("left")).isEqualTo(7);
        }
    }

    @Test
    @DisplayName("a sale's stock countdown reaches the room in the order it was published")
    void commerceEventsKeepTheirOrder() {
        String room = "countdown";
        try (ChatClient viewer = joined(room, -1, null)) {
            long at = System.currentTimeMillis();
            for (int left = 30; left > 0; left--) {
                CommerceEvents.unitsLeft(node.platform.vertx(), room, "s2", left, 30, at);
            }
            await().until(() -> viewer.messages().size() == 30);
            assertThat(viewer.messages()).extracting(m -> m.getJsonObject("event").getInteger("left"))
                    .containsExactlyElementsOf(java.util.stream.IntStream.iterate(30, n -> n > 0, n -> n - 1).boxed().toList());
        }
    }

    @Test
    @DisplayName("under a flood ordinary lines are sampled and counted as skipped, host lines and sale events never")
    void floodSampling() {
        String room = "flood";
        try (ChatClient viewer = joined(room, -1, null);
             ChatClient crowd = joined(room, -1, node.token("crowd", Role.VIEWER));
             ChatClient host = joined(room, -1, node.token("host3", Role.HOST))) {
            IntStream.range(0, 250).forEach(i -> {
                crowd.say(room, "spam" + i, "s" + i);
                if (i % 25 == 24) {
                    await().until(() -> crowd.ofType("ack").size() == i + 1);
                }
                if (i % 50 == 0) {
                    host.say(room, "host says " + i, "h" + i);
                    node.platform.vertx().eventBus().publish("blossom.commerce", new JsonObject()
                            .put("type", "order_placed").put("room", room).put("sale", "s9").put("buyer", "D***a")
                            .put("units", 1).put("count", i + 1).put("at", System.currentTimeMillis()));
                }
            });
            await().until(() -> crowd.ofType("ack").size() == 250 && host.ofType("ack").size() == 5);
            long lastSeq = crowd.ofType("ack").stream().mapToLong(a -> a.getLong("seq")).max().orElseThrow();
            await().until(() -> viewer.lastSeen() >= lastSeq);
            assertThat(viewer.texts()).filteredOn(t -> t.startsWith("host says")).hasSize(5);
            assertThat(viewer.messages()).filteredOn(m -> "event".equals(m.getString("type"))).hasSize(5);
            long skipped = viewer.ofType("batch").stream().mapToLong(b -> b.getLong("skipped")).sum();
            assertThat(skipped).isPositive();
            assertThat(viewer.texts()).filteredOn(t -> t.startsWith("spam")).hasSizeLessThan(250);
            assertContiguous(viewer, viewer.ofType("batch").get(0).getLong("first"));
        }
    }

    @Test
    @DisplayName("a stalled viewer misses batches, is dropped after the stall timeout, and does not hold up the others")
    void stalledViewer() throws Exception {
        String room = "stall";
        Counter missed = node.platform.metrics().registry().counter("chat.batches.missed");
        Counter dropped = node.platform.metrics().registry().counter("chat.viewers.slow.disconnects");
        double missedBefore = missed.count();
        double droppedBefore = dropped.count();
        try (StalledViewer stalled = new StalledViewer(node.port(), room);
             ChatClient fast = joined(room, -1, null);
             ChatClient host = joined(room, -1, node.token("host4", Role.HOST))) {
            String longText = "y".repeat(290);
            int sent = 0;
            while (dropped.count() == droppedBefore && sent < 2000) {
                List<String> round = sayAll(host, room, "r" + sent + "-" + longText, 20);
                sent += round.size();
                int expected = sent;
                await().until(() -> fast.texts().size() == expected);
            }
            await().until(() -> dropped.count() > droppedBefore);
            assertThat(missed.count()).isGreaterThan(missedBefore);
            assertThat(fast.ofType("missed")).isEmpty();
            assertContiguous(fast, fast.ofType("batch").get(0).getLong("first"));
            // The stalled connection is gone from the room: only the fast viewer and the host remain.
            await().untilAsserted(() -> assertThat(node.platform.metrics().registry().get("chat.viewers").gauge().value())
                    .isEqualTo(2.0));
        }
    }

    /** Batches follow each other with no gap or overlap, and every item lies in its batch's range. */
    static void assertContiguous(ChatClient c, long expectedFirst) {
        long next = expectedFirst;
        for (JsonObject batch : c.ofType("batch")) {
            assertThat(batch.getLong("first")).as("batch start").isEqualTo(next);
            long last = batch.getLong("last");
            var items = batch.getJsonArray("messages");
            assertThat(items.size() + batch.getLong("skipped")).isEqualTo(last - batch.getLong("first") + 1);
            for (Object o : items) {
                long seq = ((JsonObject) o).getLong("seq");
                assertThat(seq).isBetween(batch.getLong("first"), last);
            }
            next = last + 1;
        }
        assertThat(c.sequences()).doesNotHaveDuplicates().isSorted();
    }

    @Test
    @DisplayName("a line's cluster calls start no thread of their own, so a busy room does not churn threads")
    void noThreadPerLine() {
        String room = "threads";
        try (ChatClient viewer = joined(room, -1, null);
             ChatClient writer = joined(room, -1, node.token("steady", Role.VIEWER))) {
            sayAll(writer, room, "warm", 20);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();
            sayAll(writer, room, "line", 200);
            long last = writer.ofType("ack").stream().mapToLong(a -> a.getLong("seq")).max().orElseThrow();
            await().until(() -> viewer.lastSeen() >= last);
            // Each line makes five cluster calls (sanction, rules, rate limit, append, the feed's
            // read): a thread per call would be a thousand here.
            assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(40);
        }
    }
}
