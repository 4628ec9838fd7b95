package live.blossom.chat.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test chat client: connects to /ws/chat and records every frame it receives. */
public final class ChatClient implements AutoCloseable {

    public final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    public volatile Short closeCode;
    private final WebSocketClient client;
    private final WebSocket ws;

    private ChatClient(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
    }

    public static ChatClient connect(Vertx vertx, int port, String token) {
        return connect(vertx, port, token, false);
    }

    /** With {@code compress}, the client offers permessage-deflate and compresses what it sends. */
    public static ChatClient connect(Vertx vertx, int port, String token, boolean compress) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 22).setTryUsePerMessageCompression(compress));
        String uri = "/ws/chat" + (token == null ? "" : "?token=" + token);
        try {
            WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ChatClient c = new ChatClient(client, ws);
            ws.textMessageHandler(text -> c.frames.add(new JsonObject(text)));
            ws.closeHandler(v -> c.closeCode = ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect chat client", e);
        }
    }

    public WebSocket socket() {
        return ws;
    }

    public ChatClient send(JsonObject json) {
        ws.writeTextMessage(json.encode());
        return this;
    }

    public ChatClient sendRaw(String text) {
        ws.writeTextMessage(text);
        return this;
    }

    public ChatClient join(String room, long since) {
        return join(room, since, null);
    }

    /** Joins with the last sequence seen and the epoch of the ring it was seen in, as a client coming back does. */
    public ChatClient join(String room, long since, String epoch) {
        JsonObject join = new JsonObject().put("type", "join").put("room", room);
        if (since >= 0) {
            join.put("since", since);
        }
        if (epoch != null) {
            join.put("epoch", epoch);
        }
        return send(join);
    }

    /** The epoch of the room's ring as the last {@code joined} told it. */
    public String epoch() {
        List<JsonObject> joined = ofType("joined");
        return joined.isEmpty() ? null : joined.get(joined.size() - 1).getString("epoch");
    }

    public ChatClient say(String room, String text, String cid) {
        return send(new JsonObject().put("type", "send").put("room", room).put("text", text).put("cid", cid));
    }

    public List<JsonObject> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
    }

    public boolean has(Predicate<JsonObject> p) {
        return frames.stream().anyMatch(p);
    }

    /** Every message item of every batch, in arrival order. */
    public List<JsonObject> messages() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject f : ofType("batch")) {
            JsonArray items = f.getJsonArray("messages");
            items.forEach(i -> out.add((JsonObject) i));
        }
        return out;
    }

    public List<String> texts() {
        return messages().stream().filter(m -> "chat".equals(m.getString("type"))).map(m -> m.getString("text")).toList();
    }

    public List<Long> sequences() {
        return messages().stream().map(m -> m.getLong("seq")).toList();
    }

    public long lastSeen() {
        List<JsonObject> batches = ofType("batch");
        return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).getLong("last");
    }

    public boolean closed() {
        return closeCode != null;
    }

    @Override
    public void close() {
        try {
            ws.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
        client.close();
    }
}
