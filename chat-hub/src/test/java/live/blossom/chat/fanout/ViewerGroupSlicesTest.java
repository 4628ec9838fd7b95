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
 * The group's writing schedule, step by step: viewers are in-memory channels, and the group's
 * loop is an in-memory loop of its own whose scheduled tasks (the next slices) run only when the
 * test says so. (An in-memory channel runs its loop's tasks when flushed, which a real event
 * loop never does, so the group's loop is not one of the viewers'.)
 */
@DisplayName("A loop's viewers of a room get each batch in slices")
class ViewerGroupSlicesTest {

    private static final String ROOM = "slices";
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private ViewerGroup group;
    private long nextSeq;

    private void viewers(int n) {
        for (int i = 0; i < n; i++) {
            channels.add(new EmbeddedChannel());
        }
        group = new ViewerGroup(loop.eventLoop(), null, null,
                new FanoutMeters(new SimpleMeterRegistry()), 100, -1);
        for (EmbeddedChannel ch : channels) {
            group.join(new Viewer(new Outbound(ch, 15_000), ROOM), -1);
        }
    }

    private void batch(String text) {
        long seq = nextSeq++;
        List<ChatItem> items = List.of(ChatItem.of(seq, ChatItem.chatLine("host", "h", "Host", text, null, 0)));
        String json = ServerFrames.batch(ROOM, seq, seq, items, null);
        group.deliver(new Batch(seq, seq, items), WebSocketFrames.text(ByteBufAllocator.DEFAULT, json));
    }

    private void runNextSlices() {
        loop.runScheduledPendingTasks();
    }

    /** The texts of the batches a channel has been sent so far, in order (its "joined" frame skipped). */
    private static List<String> texts(EmbeddedChannel ch) {
        List<String> texts = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf frame = (ByteBuf) o;
            try {
                String s = frame.toString(StandardCharsets.UTF_8);
                JsonObject json = new JsonObject(s.substring(s.indexOf('{')));
                if ("batch".equals(json.getString("type"))) {
                    texts.add(json.getJsonArray("messages").getJsonObject(0).getString("text"));
                }
            } finally {
                frame.release();
            }
        }
        return texts;
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
        assertThat(seen.get(channels.get(0))).containsExactly("one");
        assertThat(seen.get(channels.get(255))).containsExactly("one");
        assertThat(seen.get(channels.get(256))).isEmpty();
        runNextSlices(); // viewers 256..511 get "one"
        runNextSlices(); // 512..599 get "one", then 0..167 get "two"
        read(seen);
        assertThat(seen.get(channels.get(599))).containsExactly("one");
        assertThat(seen.get(channels.get(167))).containsExactly("one", "two");
        assertThat(seen.get(channels.get(168))).containsExactly("one");
        runNextSlices();
        runNextSlices();
        read(seen);
        for (EmbeddedChannel ch : channels) {
            assertThat(seen.get(ch)).containsExactly("one", "two");
        }
    }

    private void read(Map<EmbeddedChannel, List<String>> seen) {
        for (EmbeddedChannel ch : channels) {
            seen.computeIfAbsent(ch, c -> new ArrayList<>()).addAll(texts(ch));
        }
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
}
