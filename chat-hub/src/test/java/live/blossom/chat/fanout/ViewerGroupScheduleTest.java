package live.blossom.chat.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import live.blossom.chat.protocol.ServerFrames;
import live.blossom.chat.room.ChatItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The group's writing schedule, step by step: slices of a batch, and the phases of a room whose
 * window is split into ticks (see {@code RoomFeed}). Viewers are in-memory channels, and the group's
 * loop is an in-memory loop of its own whose scheduled tasks (the next slices) run only when the
 * test says so. (An in-memory channel runs its loop's tasks when flushed, which a real event
 * loop never does, so the group's loop is not one of the viewers'.)
 */
@DisplayName("A loop's viewers of a room get each batch in slices, and a phased room's ticks by phase")
class ViewerGroupScheduleTest {

    private static final String ROOM = "slices";
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final FanoutMeters meters = new FanoutMeters(new SimpleMeterRegistry());
    private ViewerGroup group;
    private long nextSeq;

    private void viewers(int n) {
        viewers(n, 100);
    }

    private void viewers(int n, int recentItems) {
        group = new ViewerGroup(ROOM, "e1", loop.eventLoop(), null, meters, recentItems, -1);
        for (int i = 0; i < n; i++) {
            join();
        }
    }

    private EmbeddedChannel join() {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        group.join(new Viewer(new Outbound(ch, 15_000), ROOM), -1, null);
        return ch;
    }

    private static ChatItem line(long seq, String text) {
        return ChatItem.of(seq, ChatItem.chatLine("host", "h", "Host", text, null, 0));
    }

    /** One tick of a room in {@code phases} phases: what it read ({@code tick}, or null) and its window. */
    private void tick(Batch tick, Batch window, int phase, int phases) {
        String json = ServerFrames.batch(ROOM, window.first(), window.last(), window.items(), null);
        group.deliver(tick, window, WebSocketFrames.text(ByteBufAllocator.DEFAULT, json), phase, phases);
    }

    /** The viewers of buckets {@code from..to-1}: the i-th viewer to join sits in bucket i mod 64. */
    private List<EmbeddedChannel> inBuckets(int from, int to) {
        List<EmbeddedChannel> out = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            if (i % ViewerGroup.BUCKETS >= from && i % ViewerGroup.BUCKETS < to) {
                out.add(channels.get(i));
            }
        }
        return out;
    }

    /** The frames a channel has been sent so far, as JSON ("joined" skipped). */
    private static List<JsonObject> frames(EmbeddedChannel ch) {
        List<JsonObject> frames = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf frame = (ByteBuf) o;
            try {
                String s = frame.toString(StandardCharsets.UTF_8);
                JsonObject json = new JsonObject(s.substring(s.indexOf('{')));
                if (!"joined".equals(json.getString("type"))) {
                    frames.add(json);
                }
            } finally {
                frame.release();
            }
        }
        return frames;
    }

    private static List<String> texts(List<JsonObject> frames) {
        List<String> texts = new ArrayList<>();
        for (JsonObject f : frames) {
            if ("batch".equals(f.getString("type"))) {
                f.getJsonArray("messages").forEach(m -> texts.add(((JsonObject) m).getString("text")));
            }
        }
        return texts;
    }

    private void batch(String text) {
        long seq = nextSeq++;
        List<ChatItem> items = List.of(line(seq, text));
        String json = ServerFrames.batch(ROOM, seq, seq, items, null);
        group.deliver(new Batch(seq, seq, items), WebSocketFrames.text(ByteBufAllocator.DEFAULT, json));
    }

    private void runNextSlices() {
        loop.runScheduledPendingTasks();
    }

    /** Runs slices until the group has written everything queued. */
    private void writeAll() {
        for (int i = 0; i < 100; i++) {
            runNextSlices();
        }
    }

    /** The texts of the batches a channel has been sent so far, in order. */
    private static List<String> texts(EmbeddedChannel ch) {
        return texts(frames(ch));
    }

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loop.finishAndReleaseAll();
    }

    @Test
    @DisplayName("a batch goes to 256 viewers at once and to the rest in later slices, in order with the next batch")
    void slicesInOrder() {
        viewers(600);
        Map<EmbeddedChannel, List<String>> seen = new HashMap<>();
        batch("one");
        batch("two");
        read(seen);
        assertThat(count(seen, List.of("one"))).isEqualTo(256);
        assertThat(count(seen, List.of())).isEqualTo(600 - 256);
        runNextSlices(); // 256 more get "one"
        runNextSlices(); // the last 88 get "one", then the first 168 get "two"
        read(seen);
        assertThat(count(seen, List.of("one", "two"))).isEqualTo(168);
        assertThat(count(seen, List.of("one"))).isEqualTo(600 - 168);
        runNextSlices();
        runNextSlices();
        read(seen);
        assertThat(count(seen, List.of("one", "two"))).isEqualTo(600);
    }

    @Test
    @DisplayName("a loop shows the frames it has not finished writing, so that the room's next tick can wait for them")
    void backlogUntilTheLastSliceIsWritten() {
        viewers(600);
        assertThat(group.backlog()).isZero();
        batch("one");
        assertThat(group.backlog()).as("256 of 600 written").isEqualTo(1);
        batch("two");
        assertThat(group.backlog()).isEqualTo(2);
        runNextSlices(); // 512 of 600 have "one"
        runNextSlices(); // "one" done, "two" started
        assertThat(group.backlog()).isEqualTo(1);
        writeAll();
        assertThat(group.backlog()).isZero();
        for (EmbeddedChannel ch : channels) {
            assertThat(texts(ch)).containsExactly("one", "two");
        }
    }

    private static long count(Map<EmbeddedChannel, List<String>> seen, List<String> texts) {
        return seen.values().stream().filter(texts::equals).count();
    }

    private void read(Map<EmbeddedChannel, List<String>> seen) {
        for (EmbeddedChannel ch : channels) {
            seen.computeIfAbsent(ch, c -> new ArrayList<>()).addAll(texts(ch));
        }
    }

    @Test
    @DisplayName("a loop behind sends a waiting batch together with the next one to the same viewers: one write, nothing lost")
    void waitingBatchesMerge() {
        viewers(600);
        batch("one"); // a slice in
        batch("two"); // waits
        batch("three"); // waits too, for the same viewers: "two" goes out with it
        writeAll();
        for (EmbeddedChannel ch : channels) {
            List<JsonObject> frames = frames(ch);
            assertThat(texts(frames)).containsExactly("one", "two", "three");
            assertThat(frames).as("frames").hasSize(2);
            assertThat(frames.get(1).getLong("first")).isEqualTo(1);
            assertThat(frames.get(1).getLong("last")).isEqualTo(2);
        }
        assertThat(meters.superseded.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("a loop that falls far behind writes everything at once, in order, instead of holding more frames")
    void farBehindWritesAll() {
        viewers(300);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            sent.add("m" + i);
            batch("m" + i);
        }
        // The first batch is a slice in, the 33rd makes more than 32 wait: all are written at once,
        // without a scheduled slice running.
        for (EmbeddedChannel ch : channels) {
            assertThat(texts(ch)).containsExactlyElementsOf(sent);
        }
    }

    @Test
    @DisplayName("each tick goes to its phase's viewers with the whole window: everyone gets every line once, one frame per visit")
    void phasesServeTheWindow() {
        viewers(640); // 10 per bucket; 4 phases of 16 buckets
        Batch a = new Batch(0, 0, List.of(line(0, "A")));
        Batch b = new Batch(1, 1, List.of(line(1, "B")));
        Batch c = new Batch(2, 2, List.of(line(2, "C")));
        tick(a, a, 0, 4);
        List<EmbeddedChannel> phase0 = inBuckets(0, 16);
        for (EmbeddedChannel ch : channels) {
            assertThat(ch.outboundMessages()).as("only phase 0 so far, one frame each after joined")
                    .hasSize(phase0.contains(ch) ? 2 : 1);
        }
        tick(b, new Batch(0, 1, List.of(a.items().get(0), b.items().get(0))), 1, 4);
        EmbeddedChannel joiner = join(); // the 641st viewer: bucket 0, phase 0, next sequence 2
        tick(null, new Batch(0, 1, List.of(a.items().get(0), b.items().get(0))), 2, 4);
        tick(c, new Batch(0, 2, List.of(a.items().get(0), b.items().get(0), c.items().get(0))), 3, 4);
        tick(null, new Batch(1, 2, List.of(b.items().get(0), c.items().get(0))), 0, 4);
        tick(null, new Batch(2, 2, List.of(c.items().get(0))), 1, 4);
        tick(null, new Batch(2, 2, List.of(c.items().get(0))), 2, 4);
        for (int phase = 0; phase < 4; phase++) {
            for (EmbeddedChannel ch : inBuckets(phase * 16, phase * 16 + 16)) {
                if (ch == joiner) {
                    continue;
                }
                List<JsonObject> frames = frames(ch);
                assertThat(texts(frames)).as("phase " + phase).containsExactly("A", "B", "C");
                assertThat(frames).as("frames of phase " + phase).hasSize(phase == 3 ? 1 : 2);
            }
        }
        List<JsonObject> joined = frames(joiner);
        assertThat(texts(joined)).as("a viewer who joined after B").containsExactly("C");
        assertThat(joined.get(0).getLong("first")).isEqualTo(2);
    }

    @Test
    @DisplayName("a viewer whose phase moved gets what it has not seen from the recent batches, once")
    void movedPhaseCatchesUp() {
        viewers(640);
        Batch a = new Batch(0, 0, List.of(line(0, "A")));
        Batch b = new Batch(1, 1, List.of(line(1, "B")));
        tick(a, a, 0, 4); // buckets 0..15 get A
        // The room shrank to 2 phases: the second half now, then the first half with only B in its window.
        tick(b, new Batch(0, 1, List.of(a.items().get(0), b.items().get(0))), 1, 2);
        tick(null, b, 0, 2);
        writeAll();
        for (EmbeddedChannel ch : channels) {
            List<JsonObject> frames = frames(ch);
            assertThat(texts(frames)).containsExactly("A", "B");
            assertThat(frames).allMatch(f -> "batch".equals(f.getString("type")));
        }
    }

    @Test
    @DisplayName("a viewer whose lines are no longer kept is told which it missed, then gets the window")
    void catchUpBeyondRecentIsReportedMissed() {
        viewers(128, 1); // keeps one item
        Batch a = new Batch(0, 0, List.of(line(0, "A")));
        Batch b = new Batch(1, 1, List.of(line(1, "B")));
        tick(a, a, 0, 2); // buckets 0..31 get A
        tick(b, b, 0, 2); // A is no longer kept; buckets 0..31 get B
        tick(null, b, 1, 2); // buckets 32..63 never got A
        for (EmbeddedChannel ch : inBuckets(32, 64)) {
            List<JsonObject> frames = frames(ch);
            assertThat(frames).extracting(f -> f.getString("type")).containsExactly("missed", "batch");
            assertThat(frames.get(0).getLong("from")).isZero();
            assertThat(frames.get(0).getLong("to")).isZero();
            assertThat(texts(frames)).containsExactly("B");
        }
        for (EmbeddedChannel ch : inBuckets(0, 32)) {
            assertThat(texts(ch)).containsExactly("A", "B");
        }
    }
}
