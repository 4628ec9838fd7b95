package live.blossom.app.demo;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import live.blossom.platform.auth.Role;
import live.blossom.platform.auth.TokenAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code blossom demo --bots N}: N signed-in viewers that chat in the demo room through the real
 * WebSocket endpoint, each a few times a minute, so that the chat moves on an empty laptop.
 */
final class ChatBots implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatBots.class);
    private static final String[] NAMES = {"Yangzom", "Norbu", "Kelsang", "Dolma", "Sonam", "Lobsang", "Metok",
        "Tenzin", "Drolma", "Jigme", "Pasang", "Nyima"};
    private static final String[] LINES = {
        "Hello from Lhasa!", "How much is the yak milk today?", "The honey looks great", "Is shipping free?",
        "3, 2, 1... ready to buy!", "What altitude is the farm at?", "I bought the cookies last time, delicious",
        "Can you show the incense again?", "Greetings from Chengdu", "Plums are my favourite",
        "Does the mineral water come from the glacier?", "Beautiful stream today", "Tashi delek!",
        "When does the flash sale start?", "Please pin the barley cookies"};

    private final Vertx vertx;
    private final WebSocketClient client;
    private final List<Long> timers = new ArrayList<>();

    ChatBots(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(65536));
    }

    void start(int count, int httpPort, String room, TokenAuthority tokens) {
        for (int i = 0; i < count; i++) {
            String name = NAMES[i % NAMES.length] + (i >= NAMES.length ? " " + (i / NAMES.length + 1) : "");
            String token = tokens.issue("bot-" + i, name, EnumSet.of(Role.VIEWER));
            connect(httpPort, room, token, i);
        }
        log.info("chat bots started count={} room={}", count, room);
    }

    private void connect(int httpPort, String room, String token, int index) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(httpPort)
                .setURI("/ws/chat?token=" + token);
        client.connect(options).onSuccess(ws -> {
            ws.writeTextMessage(new JsonObject().put("type", "join").put("room", room).encode());
            // Each bot speaks every 8-20 s, well inside the per-user rate limit.
            long timer = vertx.setPeriodic(8000 + ThreadLocalRandom.current().nextInt(12_000), id -> say(ws, room));
            timers.add(timer);
            ws.closeHandler(v -> vertx.cancelTimer(timer));
        }).onFailure(e -> log.warn("chat bot {} could not connect: {}", index, e.toString()));
    }

    private static void say(WebSocket ws, String room) {
        String text = LINES[ThreadLocalRandom.current().nextInt(LINES.length)];
        ws.writeTextMessage(new JsonObject().put("type", "send").put("room", room).put("text", text).encode());
    }

    @Override
    public void close() {
        timers.forEach(vertx::cancelTimer);
        client.close();
    }
}
