package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.ChatNode;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A room's life on a node")
class RoomLifetimeTest {

    @TempDir
    static Path dir;
    static ChatNode node;

    @BeforeAll
    static void start() {
        // One join a minute per connection: each connection here joins once, and a join the
        // server asks for after room_reset must not be refused for it.
        node = ChatNode.start(ChatNode.config(dir).with(ChatKeys.ROOM_IDLE_CLOSE, "1s")
                .with(ChatKeys.JOINS_PER_MINUTE, 1));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static double roomsOpen() {
        MeterRegistry registry = node.platform.metrics().registry();
        return registry.get("chat.rooms.open").gauge().value();
    }

    @Test
    @DisplayName("rooms nobody watches are let go, and a viewer coming back still recovers what was said from the ring")
    void idleRoomsAreClosedAndHistoryStays() {
        long last;
        try (ChatClient host = node.connect(node.token("hana", Role.HOST))) {
            host.join("pop-up", -1);
            await().until(() -> !host.ofType("joined").isEmpty());
            for (String text : List.of("zero", "one", "two", "three")) {
                host.say("pop-up", text, text);
            }
            await().until(() -> host.texts().size() == 4);
            last = host.lastSeen();
            // Anonymous visits to many rooms leave nothing behind on the node once they are over.
            for (int i = 0; i < 20; i++) {
                try (ChatClient drifter = node.connect(null)) {
                    drifter.join("empty-" + i, -1);
                    await().until(() -> !drifter.ofType("joined").isEmpty());
                }
            }
        }
        await().until(() -> roomsOpen() == 0.0);
        assertThat(node.platform.metrics().registry().counter("chat.rooms.closed").count()).isGreaterThanOrEqualTo(21);

        try (ChatClient back = node.connect(null); ChatClient host = node.connect(node.token("hana", Role.HOST))) {
            back.join("pop-up", last - 3);
            await().until(() -> back.texts().size() == 3);
            host.join("pop-up", -1);
            await().until(() -> !host.ofType("joined").isEmpty());
            host.say("pop-up", "four", "four");
            await().until(() -> back.texts().size() == 4);
            assertThat(back.texts()).containsExactly("one", "two", "three", "four");
            assertThat(back.sequences()).containsExactly(last - 2, last - 1, last, last + 1);
            assertThat(roomsOpen()).isEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("a viewer that remembers a sequence the room never reached (its ring began again) is told so and reads on")
    void sequenceAheadOfTheRing() {
        try (ChatClient viewer = node.connect(null); ChatClient host = node.connect(node.token("hana", Role.HOST))) {
            viewer.join("reborn", 5000);
            await().until(() -> viewer.has(f -> "error".equals(f.getString("type"))
                    && "sequence_reset".equals(f.getString("code"))));
            host.join("reborn", -1);
            await().until(() -> !host.ofType("joined").isEmpty());
            host.say("reborn", "fresh start", "f1");
            await().until(() -> viewer.texts().contains("fresh start"));
            assertThat(viewer.sequences()).containsExactly(0L);
        }
    }

    @Test
    @DisplayName("a ring that begins again under watching viewers tells them so, and joining again reads the new messages")
    void ringBeganAgainUnderViewers() {
        try (ChatClient viewer = node.connect(null); ChatClient host = node.connect(node.token("hana", Role.HOST))) {
            viewer.join("vanishing", -1);
            host.join("vanishing", -1);
            await().until(() -> viewer.ofType("joined").size() == 1 && host.ofType("joined").size() == 1);
            host.say("vanishing", "before", "b1");
            host.say("vanishing", "also before", "b2");
            await().until(() -> viewer.texts().size() == 2);

            // What a retirement does to a node that could not renew the room's lease. The next
            // line goes to the new ring and shows the feed that its ring began again.
            node.platform.hazelcast().getRingbuffer("chat.room.vanishing").destroy();
            host.say("vanishing", "into the new ring", "n1");
            await().until(() -> viewer.has(f -> "error".equals(f.getString("type"))
                    && "room_reset".equals(f.getString("code")) && "vanishing".equals(f.getString("room"))));
            await().until(() -> host.has(f -> "room_reset".equals(f.getString("code"))));

            // Joining again reads the new ring from its start, the line that revealed it included.
            viewer.join("vanishing", -1);
            host.join("vanishing", -1);
            await().until(() -> viewer.ofType("joined").size() == 2 && host.ofType("joined").size() == 2);
            host.say("vanishing", "after", "a1");
            await().until(() -> viewer.texts().size() == 4);
            assertThat(viewer.texts()).containsExactly("before", "also before", "into the new ring", "after");
            assertThat(viewer.sequences()).containsExactly(0L, 1L, 0L, 1L);
        }
    }
}
