package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.ChatNode;
import live.blossom.chat.support.RawChatSocket;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Compressed chat (permessage-deflate)")
class CompressionTest {

    static final String OFFER = "permessage-deflate; client_max_window_bits";

    @TempDir
    static Path dir;
    static ChatNode node;

    @BeforeAll
    static void start() {
        node = ChatNode.start(ChatNode.config(dir).with(ChatKeys.RATE_LIMIT_COUNT, 1000)
                .with(ChatKeys.DEFLATE_MIN_BYTES, 512).with(ChatKeys.FRAME_MAX_BYTES, 4096));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("a client that offers it gets large batches compressed and small frames plain, with the same lines as a plain client")
    void largeBatchesGoCompressed() throws Exception {
        try (RawChatSocket raw = new RawChatSocket(node.port(), OFFER);
             ChatClient plain = node.connect(null);
             ChatClient writer = node.connect(node.token("ama", Role.VIEWER))) {
            assertThat(raw.handshake).contains("101")
                    .containsIgnoringCase("sec-websocket-extensions: permessage-deflate; server_no_context_takeover");
            raw.sendText("{\"type\":\"join\",\"room\":\"soap\"}");
            RawChatSocket.Frame joined = raw.read();
            assertThat(joined.compressed()).isFalse();
            assertThat(joined.text()).contains("\"type\":\"joined\"");
            plain.join("soap", -1);
            writer.join("soap", -1);
            await().until(() -> !plain.ofType("joined").isEmpty() && !writer.ofType("joined").isEmpty());

            List<String> said = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                said.add("line " + i + " of yak milk soap, hand made in the hills, " + "lather ".repeat(8).strip());
                writer.say("soap", said.get(i), "c" + i);
            }
            List<JsonObject> items = new ArrayList<>();
            boolean sawCompressed = false;
            while (items.size() < said.size()) {
                RawChatSocket.Frame f = raw.read();
                JsonObject json = new JsonObject(f.text());
                if (!"batch".equals(json.getString("type"))) {
                    continue;
                }
                sawCompressed |= f.compressed();
                assertThat(f.compressed()).as("a batch is compressed exactly when it is large")
                        .isEqualTo(f.text().getBytes(StandardCharsets.UTF_8).length >= 512);
                json.getJsonArray("messages").forEach(m -> items.add((JsonObject) m));
            }
            assertThat(sawCompressed).isTrue();
            assertThat(items).extracting(m -> m.getString("text")).containsExactlyElementsOf(said);
            await().until(() -> plain.texts().size() == said.size());
            assertThat(items).extracting(m -> m.getLong("seq")).containsExactlyElementsOf(plain.sequences());
        }
    }

    @Test
    @DisplayName("a client that compresses what it sends (context kept between messages) is understood")
    void compressingClient() {
        try (ChatClient reader = node.connect(null, true);
             ChatClient writer = node.connect(node.token("bo", Role.VIEWER), true)) {
            reader.join("hills", -1);
            writer.join("hills", -1);
            await().until(() -> !reader.ofType("joined").isEmpty() && !writer.ofType("joined").isEmpty());
            List<String> said = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                said.add("the same words again and again, number " + i + " " + "soap ".repeat(30).strip());
                writer.say("hills", said.get(i), "k" + i);
            }
            await().until(() -> reader.texts().size() == said.size());
            assertThat(reader.texts()).containsExactlyElementsOf(said);
            assertThat(writer.ofType("ack")).hasSize(said.size());
            assertThat(reader.closed()).isFalse();
        }
    }

    @Test
    @DisplayName("a compressed join from a raw client is inflated and answered")
    void compressedJoin() throws Exception {
        try (RawChatSocket raw = new RawChatSocket(node.port(), "permessage-deflate")) {
            raw.sendCompressed("{\"type\":\"join\",\"room\":\"dunes\"}");
            JsonObject joined = new JsonObject(raw.read().text());
            assertThat(joined.getString("type")).isEqualTo("joined");
            assertThat(joined.getString("room")).isEqualTo("dunes");
        }
    }

    @Test
    @DisplayName("an offer the server cannot honour is declined and the connection goes on uncompressed")
    void unacceptableOffer() throws Exception {
        try (RawChatSocket raw = new RawChatSocket(node.port(), "permessage-deflate; server_max_window_bits=10")) {
            assertThat(raw.handshake).contains("101").doesNotContainIgnoringCase("sec-websocket-extensions");
            raw.sendText("{\"type\":\"join\",\"room\":\"dunes\"}");
            RawChatSocket.Frame joined = raw.read();
            assertThat(joined.first()).isEqualTo(0x81);
        }
    }

    @Test
    @DisplayName("a compressed frame without the extension negotiated closes the connection with 1002")
    void reservedBitWithoutExtension() throws Exception {
        try (RawChatSocket raw = new RawChatSocket(node.port(), null)) {
            raw.sendCompressed("{\"type\":\"ping\"}");
            assertClosedWith(raw, 1002);
        }
    }

    @Test
    @DisplayName("a small compressed frame that inflates past the size limit closes the connection with 1009")
    void inflatesPastTheLimit() throws Exception {
        try (RawChatSocket raw = new RawChatSocket(node.port(), OFFER)) {
            byte[] bomb = RawChatSocket.deflate(("{\"type\":\"send\",\"text\":\"" + " ".repeat(100_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(bomb.length).isLessThan(4096);
            raw.send(0xC1, bomb);
            assertClosedWith(raw, 1009);
        }
    }

    @Test
    @DisplayName("corrupt compressed data closes the connection with 1007, and the node serves others")
    void corruptCompressedData() throws Exception {
        try (RawChatSocket raw = new RawChatSocket(node.port(), OFFER)) {
            raw.send(0xC1, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x10, 0x20});
            assertClosedWith(raw, 1007);
        }
        try (ChatClient other = node.connect(null)) {
            other.join("dunes", -1);
            await().until(() -> !other.ofType("joined").isEmpty());
        }
    }

    /** The next frame is a close frame with {@code code}. */
    private static void assertClosedWith(RawChatSocket raw, int code) throws java.io.IOException {
        RawChatSocket.Frame close = raw.read();
        assertThat(close.opcode()).isEqualTo(8);
        assertThat(close.closeCode()).isEqualTo(code);
    }
}
