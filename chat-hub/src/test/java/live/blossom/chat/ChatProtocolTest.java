package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.ChatNode;
import live.blossom.chat.support.RawChatSocket;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The chat WebSocket protocol on one node")
class ChatProtocolTest {

    /** One join every 10 s once the allowance is spent: far longer than the test takes to spend it. */
    private static final int JOINS_PER_MINUTE = 6;

    @TempDir
    static Path dir;
    static ChatNode node;

    @BeforeAll
    static void start() {
        node = ChatNode.start(ChatNode.config(dir).with(ChatKeys.RATE_LIMIT_COUNT, 1000)
                .with(ChatKeys.JOINS_PER_MINUTE, JOINS_PER_MINUTE));
        await().atMost(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("an anonymous viewer reads what a signed-in viewer says, in a batch with its sequence")
    void anonymousReadsSignedInWrites() {
        try (ChatClient reader = node.connect(null);
             ChatClient writer = node.connect(node.token("dora", Role.VIEWER))) {
            reader.join("soap-show", -1);
            writer.join("soap-show", -1);
            await().until(() -> !reader.ofType("joined").isEmpty() && !writer.ofType("joined").isEmpty());
            writer.say("soap-show", "yak milk soap!", "c1");
            await().until(() -> reader.texts().contains("yak milk soap!"));
            JsonObject item = reader.messages().get(0);
            assertThat(item.getString("user")).isEqualTo("dora");
            assertThat(item.getString("role")).isEqualTo("viewer");
            JsonObject ack = await().until(() -> writer.ofType("ack"), l -> !l.isEmpty()).get(0);
            assertThat(ack.getString("cid")).isEqualTo("c1");
            assertThat(ack.getLong("seq")).isEqualTo(item.getLong("seq"));
        }
    }

    @Test
    @DisplayName("an anonymous viewer who tries to send is told to sign in")
    void anonymousCannotSend() {
        try (ChatClient reader = node.connect(null)) {
            reader.join("quiet", -1);
            reader.say("quiet", "hello", "x");
            await().until(() -> reader.has(f -> "unauthorized".equals(f.getString("code"))));
        }
    }

    @Test
    @DisplayName("a line sent right after joining a new room, before the room has answered joined, reaches its sender")
    void lineSentWhileJoiningIsRead() {
        // Each room is new, so its feed starts with this join; the line must not land before the
        // point the viewer reads from. Without waiting, about one room in five lost it.
        for (int i = 0; i < 24; i++) {
            String room = "hasty-" + i;
            try (ChatClient c = node.connect(node.token("hasty-" + i, Role.VIEWER))) {
                c.join(room, -1).say(room, "first words " + i, "h" + i);
                await().until(() -> !c.ofType("ack").isEmpty() && !c.ofType("joined").isEmpty());
                String text = "first words " + i;
                await().until(() -> c.texts().contains(text));
            }
        }
    }

    @Test
    @DisplayName("a token given in an auth message lets the connection send")
    void authMessage() {
        try (ChatClient c = node.connect(null)) {
            c.send(new JsonObject().put("type", "auth").put("token", node.token("yak", Role.VIEWER)));
            await().until(() -> !c.ofType("authenticated").isEmpty());
            c.join("auth-room", -1).say("auth-room", "now I can talk", "a1");
            await().until(() -> c.texts().contains("now I can talk"));
        }
    }

    @Test
    @DisplayName("control characters are removed, markup stays literal text, and over-long text is refused")
    void textIsData() {
        try (ChatClient c = node.connect(node.token("eve", Role.VIEWER))) {
            c.join("text-room", -1);
            await().until(() -> !c.ofType("joined").isEmpty());
            c.say("text-room", "<b>hi</b>\u0007\u202E there", "t1");
            await().until(() -> c.texts().contains("<b>hi</b> there"));
            c.say("text-room", "x".repeat(301), "t2");
            await().until(() -> c.has(f -> "text_too_long".equals(f.getString("code"))));
        }
    }

    @Test
    @DisplayName("non-JSON, unknown types and bad fields get error frames and the connection stays usable")
    void malformedFrames() {
        try (ChatClient c = node.connect(null)) {
            c.sendRaw("not json at all").sendRaw("[1,2]").sendRaw("{\"type\":\"dance\"}")
                    .sendRaw("{\"type\":\"join\",\"room\":\"BAD ROOM\"}").sendRaw("{\"type\":\"join\",\"room\":\"r\",\"since\":\"x\"}")
                    .sendRaw("{\"type\":7}")
                    .sendRaw("{\"type\":\"join\",\"room\":\"r\",\"since\":3,\"epoch\":\"<script>\"}");
            await().until(() -> c.ofType("error").size() == 7);
            assertThat(c.ofType("error")).extracting(f -> f.getString("code")).containsExactly(
                    "bad_json", "bad_json", "unknown_type", "bad_room", "bad_message", "bad_message", "bad_message");
            c.send(new JsonObject().put("type", "ping").put("id", "p1"));
            await().until(() -> c.has(f -> "pong".equals(f.getString("type")) && "p1".equals(f.getString("id"))));
        }
    }

    @Test
    @DisplayName("a frame over the size limit closes the connection with 1009")
    void oversizedFrame() {
        try (ChatClient c = node.connect(null)) {
            c.sendRaw("{\"type\":\"ping\",\"id\":\"" + "z".repeat(5000) + "\"}");
            await().until(c::closed);
            assertThat(c.closeCode).isEqualTo((short) 1009);
        }
    }

    @Test
    @DisplayName("a binary frame closes the connection with 1003")
    void binaryFrame() {
        try (ChatClient c = node.connect(null)) {
            c.socket().writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
            await().until(c::closed);
            assertThat(c.closeCode).isEqualTo((short) 1003);
        }
    }

    @Test
    @DisplayName("a client flooding frames is closed with 1008 and the node keeps serving others")
    void inboundFlood() {
        try (ChatClient flood = node.connect(null);
             ChatClient other = node.connect(null)) {
            for (int i = 0; i < 200; i++) {
                flood.sendRaw("{\"type\":\"ping\"}");
            }
            await().until(flood::closed);
            assertThat(flood.closeCode).isEqualTo((short) 1008);
            other.sendRaw("{\"type\":\"ping\"}");
            await().until(() -> !other.ofType("pong").isEmpty());
        }
    }

    @Test
    @DisplayName("a WebSocket ping is answered with a pong carrying the same bytes")
    void controlPing() {
        try (ChatClient c = node.connect(null)) {
            java.util.concurrent.atomic.AtomicReference<String> pong = new java.util.concurrent.atomic.AtomicReference<>();
            c.socket().pongHandler(b -> pong.set(b.toString()));
            c.socket().writePing(Buffer.buffer("are-you-there"));
            await().until(() -> "are-you-there".equals(pong.get()));
        }
    }

    @Test
    @DisplayName("a client flooding WebSocket pings is closed with 1008 after the pongs its frame rate allows")
    void pingFlood() throws Exception {
        try (RawChatSocket flood = new RawChatSocket(node.port(), null)) {
            byte[] payload = new byte[125];
            for (int i = 0; i < 500; i++) {
                flood.send(0x89, payload);
            }
            int pongs = 0;
            RawChatSocket.Frame frame = flood.read();
            while (frame.opcode() == 0xA) {
                pongs++;
                frame = flood.read();
            }
            assertThat(frame.opcode()).isEqualTo(0x8);
            assertThat(frame.closeCode()).isEqualTo(1008);
            assertThat(pongs).isPositive().isLessThan(500);
        }
    }

    @Test
    @DisplayName("a message sent in fragments is read as one message")
    void fragmentedMessage() {
        try (ChatClient c = node.connect(null)) {
            c.socket().writeFrame(io.vertx.core.http.WebSocketFrame.textFrame("{\"type\":\"ping\",", false));
            c.socket().writeFrame(io.vertx.core.http.WebSocketFrame.continuationFrame(Buffer.buffer("\"id\":\"frag\"}"), true));
            await().until(() -> c.has(f -> "pong".equals(f.getString("type")) && "frag".equals(f.getString("id"))));
        }
    }

    @Test
    @DisplayName("a connection watches at most 4 rooms at once and joins at most its allowance a minute; past either it is told why, and its rooms go on")
    void joinLimits() {
        try (ChatClient browser = node.connect(null);
             ChatClient writer = node.connect(node.token("ana", Role.VIEWER))) {
            for (int i = 0; i < 4; i++) {
                browser.join("stall-" + i, -1);
            }
            await().until(() -> browser.ofType("joined").size() == 4);
            browser.join("stall-4", -1);
            await().until(() -> browser.has(f -> "too_many_rooms".equals(f.getString("code"))));

            // The allowance is a whole minute's joins at once: the rest of it spent on rooms left again.
            for (int i = 1; i < JOINS_PER_MINUTE - 3; i++) {
                String room = "stall-" + i;
                browser.send(new JsonObject().put("type", "leave").put("room", room));
                browser.join("booth-" + i, -1);
                int joined = 4 + i;
                await().until(() -> browser.ofType("joined").size() == joined);
                browser.send(new JsonObject().put("type", "leave").put("room", "booth-" + i));
            }
            browser.join("one-too-many", -1);
            JsonObject refused = await().until(() -> browser.ofType("error").stream()
                    .filter(f -> "too_many_joins".equals(f.getString("code"))).findFirst(), o -> o.isPresent()).get();
            long retryAfterMs = refused.getLong("retryAfterMs");
            assertThat(retryAfterMs).isBetween(1L, 60_000L / JOINS_PER_MINUTE);
            assertThat(browser.closed()).isFalse();

            writer.join("stall-0", -1).say("stall-0", "still here", "s1");
            await().until(() -> browser.texts().contains("still here"));

            // A client that waits as told gets in.
            await().pollDelay(Duration.ofMillis(retryAfterMs)).atMost(Duration.ofMillis(retryAfterMs + 10_000))
                    .until(() -> true);
            int joinedBefore = browser.ofType("joined").size();
            browser.join("one-too-many", -1);
            await().until(() -> browser.ofType("joined").size() == joinedBefore + 1);
        }
    }

    @Test
    @DisplayName("a plain HTTP request to /ws/chat gets 400")
    void plainHttp() throws Exception {
        var response = node.clients.createHttpClient().request(io.vertx.core.http.HttpMethod.GET, node.port(), "127.0.0.1", "/ws/chat")
                .compose(r -> r.send()).toCompletionStage().toCompletableFuture().get();
        assertThat(response.statusCode()).isEqualTo(400);
    }
}
