package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.ChatNode;
import live.blossom.platform.auth.Role;
import live.blossom.platform.config.PlatformKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node writes a batch to a big room in slices, letting its loop serve sockets in between. With
 * one event loop and a 1 ms window, new batches arrive while earlier ones are still being written,
 * so this checks that slices of different batches never overtake each other. A second node splits
 * its room's window into phases (a 200 ms window for 1,200 viewers at 6,000 frames a second, so 5
 * phases of 40 ms ticks), where each tick goes to a share of the viewers with the whole window.
 */
@DisplayName("Batches to a big room, written in slices and in phases")
class SlicedDeliveryTest {

    @TempDir
    static Path dir;
    @TempDir
    static Path phasedDir;
    static ChatNode node;
    static ChatNode phased;

    @BeforeAll
    static void start() {
        node = ChatNode.start(ChatNode.config(dir)
                .with(PlatformKeys.HTTP_INSTANCES, 1)
                .with(ChatKeys.BATCH_WINDOW, "1ms")
                .with(ChatKeys.RATE_LIMIT_COUNT, 100_000)
                .with(ChatKeys.INBOUND_FRAMES_PER_SECOND, 100_000));
        phased = ChatNode.start(ChatNode.config(phasedDir)
                .with(PlatformKeys.HTTP_INSTANCES, 1)
                .with(ChatKeys.BATCH_WINDOW, "20ms")
                .with(ChatKeys.NODE_FRAME_BUDGET, 6000)
                .with(ChatKeys.RATE_LIMIT_COUNT, 100_000)
                .with(ChatKeys.INBOUND_FRAMES_PER_SECOND, 100_000));
    }

    @AfterAll
    static void stop() {
        node.close();
        phased.close();
    }

    @Test
    @DisplayName("every viewer gets every message once and in order while others join and leave")
    void everyViewerGetsEveryMessageInOrder() {
        everyViewerGetsEveryMessageInOrder(node, "big-slices", false);
    }

    @Test
    @DisplayName("in a phased room too, every viewer gets every message once and in order while others join and leave")
    void phasedRoomGetsEveryMessageInOrder() {
        everyViewerGetsEveryMessageInOrder(phased, "big-phases", true);
    }

    private static void everyViewerGetsEveryMessageInOrder(ChatNode node, String room, boolean phases) {
        List<ChatClient> viewers = new ArrayList<>();
        List<ChatClient> churn = new ArrayList<>();
        try (ChatClient writer = node.connect(node.token("host-big", Role.HOST))) {
            writer.join(room, -1);
            IntStream.range(0, 1200).forEach(i -> viewers.add(node.connect(null).join(room, -1)));
            await().until(() -> viewers.stream().allMatch(v -> !v.ofType("joined").isEmpty()));
            List<String> texts = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 40; i++) {
                    texts.add("s" + round + "-" + i);
                    writer.say(room, "s" + round + "-" + i, "c" + round + "-" + i);
                    if (i % 10 == 9) {
                        int sent = texts.size();
                        await().until(() -> writer.ofType("ack").size() == sent);
                    }
                }
                // Joins and leaves while those batches are being written.
                for (int i = 0; i < 20; i++) {
                    churn.add(node.connect(null).join(room, -1));
                }
                churn.subList(0, 10).forEach(ChatClient::close);
                churn.subList(0, 10).clear();
            }
            await().until(() -> writer.ofType("ack").size() == texts.size());
            await().until(() -> viewers.stream().allMatch(v -> v.texts().size() >= texts.size()));
            assertThat(node.platform.metrics().registry().get("chat.batches").counter().count())
                    .as("batches, several per round").isGreaterThan(8);
            if (phases) {
                // Viewers of different phases are served at different ticks, so their batches split
                // the same lines differently.
                assertThat(viewers.stream().map(v -> v.ofType("batch").stream().map(b -> b.getLong("first")).toList())
                        .distinct().count()).as("distinct batch boundaries across viewers").isGreaterThan(1);
            }
            for (ChatClient v : viewers) {
                assertThat(v.texts()).containsExactlyElementsOf(texts);
                RoomFanoutTest.assertContiguous(v, v.ofType("joined").get(0).getLong("last") + 1);
            }
        } finally {
            viewers.forEach(ChatClient::close);
            churn.forEach(ChatClient::close);
        }
    }
}
