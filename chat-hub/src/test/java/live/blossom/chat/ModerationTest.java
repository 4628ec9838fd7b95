package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.ChatNode;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Moderation, rate limit and presence")
class ModerationTest {

    @TempDir
    static Path dir;
    static ChatNode node;
    static WebClient web;

    @BeforeAll
    static void start() {
        node = ChatNode.start(ChatNode.config(dir).with(ChatKeys.RATE_LIMIT_COUNT, 5)
                .with(ChatKeys.PRESENCE_INTERVAL, "300ms"));
        web = WebClient.create(node.clients);
    }

    @AfterAll
    static void stop() {
        web.close();
        node.close();
    }

    private static ChatClient joined(String room, String token) {
        ChatClient c = node.connect(token);
        c.join(room, -1);
        await().until(() -> !c.ofType("joined").isEmpty());
        return c;
    }

    private static HttpResponse<Buffer> rest(HttpMethod method, String path, String token, JsonObject body) {
        var request = web.request(method, node.port(), "127.0.0.1", path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        try {
            var future = body == null ? request.send() : request.sendJsonObject(body);
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean errorCode(ChatClient c, String code) {
        return c.has(f -> "error".equals(f.getString("type")) && code.equals(f.getString("code")));
    }

    @Test
    @DisplayName("a moderator deletes a line and every viewer is told which one")
    void deleteMessage() {
        String room = "del";
        try (ChatClient viewer = joined(room, null);
             ChatClient writer = joined(room, node.token("spammer", Role.VIEWER));
             ChatClient mod = joined(room, node.token("mod1", Role.MODERATOR))) {
            writer.say(room, "buy cheap followers", "w1");
            JsonObject ack = await().until(() -> writer.ofType("ack"), l -> !l.isEmpty()).get(0);
            mod.send(new JsonObject().put("type", "moderate").put("room", room).put("action", "delete")
                    .put("seq", ack.getLong("seq")));
            await().until(() -> viewer.messages().stream().anyMatch(m -> "event".equals(m.getString("type"))
                    && "message_deleted".equals(m.getJsonObject("event").getString("type"))
                    && ack.getLong("seq").equals(m.getJsonObject("event").getLong("seq"))));
            await().until(() -> !mod.ofType("moderated").isEmpty());
        }
    }

    @Test
    @DisplayName("a viewer cannot moderate, over the WebSocket (forbidden) or REST (401 without token, 403 as viewer)")
    void viewersCannotModerate() {
        try (ChatClient viewer = joined("nomod", node.token("v1", Role.VIEWER))) {
            viewer.send(new JsonObject().put("type", "moderate").put("room", "nomod").put("action", "ban").put("user", "x"));
            await().until(() -> errorCode(viewer, "forbidden"));
        }
        assertThat(rest(HttpMethod.POST, "/api/rooms/nomod/moderation/ban", null, new JsonObject().put("user", "x"))
                .statusCode()).isEqualTo(401);
        assertThat(rest(HttpMethod.POST, "/api/rooms/nomod/moderation/ban", node.token("v2", Role.VIEWER),
                new JsonObject().put("user", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("a ban through REST holds on a new connection until the user is unbanned")
    void banAcrossReconnects() {
        String room = "ban-room";
        String host = node.token("host1", Role.HOST);
        String troll = node.token("troll", Role.VIEWER);
        try (ChatClient viewer = joined(room, null)) {
            assertThat(rest(HttpMethod.POST, "/api/rooms/ban-room/moderation/ban", host,
                    new JsonObject().put("user", "troll")).statusCode()).isEqualTo(200);
            await().until(() -> viewer.messages().stream().anyMatch(m -> "event".equals(m.getString("type"))
                    && "user_banned".equals(m.getJsonObject("event").getString("type"))));
            try (ChatClient t = joined(room, troll)) {
                t.say(room, "let me in", "t1");
                await().until(() -> errorCode(t, "banned"));
            }
            assertThat(rest(HttpMethod.DELETE, "/api/rooms/ban-room/moderation/ban/troll", host, null).statusCode())
                    .isEqualTo(200);
            try (ChatClient t = joined(room, troll)) {
                t.say(room, "sorry", "t2");
                await().until(() -> viewer.texts().contains("sorry"));
            }
        }
    }

    @Test
    @DisplayName("a timed-out user is refused with the time left to wait")
    void timeout() {
        String room = "to-room";
        try (ChatClient mod = joined(room, node.token("mod2", Role.MODERATOR));
             ChatClient user = joined(room, node.token("loud", Role.VIEWER))) {
            mod.send(new JsonObject().put("type", "moderate").put("room", room).put("action", "timeout")
                    .put("user", "loud").put("seconds", 600));
            await().until(() -> !mod.ofType("moderated").isEmpty());
            user.say(room, "hello?", "l1");
            await().until(() -> errorCode(user, "timed_out"));
            JsonObject error = user.ofType("error").get(0);
            assertThat(error.getLong("retryAfterMs")).isPositive();
        }
    }

    @Test
    @DisplayName("slow mode allows one line per period per user; moderators are exempt")
    void slowMode() {
        String room = "slow-room";
        String mod = node.token("mod3", Role.MODERATOR);
        assertThat(rest(HttpMethod.PUT, "/api/rooms/slow-room/moderation/slow-mode", mod,
                new JsonObject().put("seconds", 60)).statusCode()).isEqualTo(200);
        try (ChatClient m = joined(room, mod); ChatClient user = joined(room, node.token("chatty", Role.VIEWER))) {
            user.say(room, "first", "c1").say(room, "second", "c2");
            await().until(() -> errorCode(user, "slow_mode"));
            assertThat(user.ofType("ack")).hasSize(1);
            assertThat(user.ofType("error").get(0).getLong("retryAfterMs")).isPositive();
            m.say(room, "mod one", "m1").say(room, "mod two", "m2");
            await().until(() -> m.ofType("ack").size() == 2);
        }
        JsonObject rules = new JsonObject(rest(HttpMethod.GET, "/api/rooms/slow-room/moderation", mod, null).bodyAsString());
        assertThat(rules.getInteger("slowSeconds")).isEqualTo(60);
    }

    @Test
    @DisplayName("a line with a blocked word is refused, others pass")
    void blockedWords() {
        String room = "words-room";
        String host = node.token("host2", Role.HOST);
        assertThat(rest(HttpMethod.PUT, "/api/rooms/words-room/moderation/blocked-words", host,
                new JsonObject().put("words", new JsonArray().add("Scam"))).statusCode()).isEqualTo(200);
        try (ChatClient user = joined(room, node.token("buyer", Role.VIEWER))) {
            user.say(room, "this is a SCAM link", "b1");
            await().until(() -> errorCode(user, "blocked_word"));
            user.say(room, "lovely soap", "b2");
            await().until(() -> user.texts().contains("lovely soap"));
            assertThat(user.texts()).doesNotContain("this is a SCAM link");
        }
    }

    @Test
    @DisplayName("the per-user rate limit counts over all of a user's connections and says when to retry")
    void rateLimitAcrossConnections() {
        String room = "rate-room";
        String token = node.token("fast-typer", Role.VIEWER);
        try (ChatClient a = joined(room, token); ChatClient b = joined(room, token)) {
            for (int i = 0; i < 3; i++) {
                a.say(room, "a" + i, "a" + i);
            }
            await().until(() -> a.ofType("ack").size() == 3);
            for (int i = 0; i < 3; i++) {
                b.say(room, "b" + i, "b" + i);
            }
            await().until(() -> b.ofType("ack").size() + b.ofType("error").size() == 3);
            assertThat(b.ofType("ack")).hasSize(2);
            JsonObject limited = b.ofType("error").get(0);
            assertThat(limited.getString("code")).isEqualTo("rate_limited");
            assertThat(limited.getLong("retryAfterMs")).isPositive();
        }
    }

    @Test
    @DisplayName("presence counts the room's viewers and keeps the peak")
    void presence() {
        String room = "presence-room";
        ChatClient a = joined(room, null);
        ChatClient b = joined(room, null);
        ChatClient c = joined(room, null);
        await().until(() -> a.has(f -> "presence".equals(f.getString("type")) && f.getInteger("viewers") == 3));
        c.close();
        b.close();
        await().until(() -> a.has(f -> "presence".equals(f.getString("type")) && f.getInteger("viewers") == 1
                && f.getInteger("peak") == 3));
        JsonObject rest = new JsonObject(rest(HttpMethod.GET, "/api/rooms/presence-room/presence", null, null).bodyAsString());
        assertThat(rest.getInteger("viewers")).isEqualTo(1);
        assertThat(rest.getInteger("peak")).isEqualTo(3);
        a.close();
    }
}
