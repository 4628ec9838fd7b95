package live.blossom.chat.room;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts commerce events ({@code blossom.commerce}) and room notices ({@code blossom.room.notice})
 * into the room's sequence, where they are never sampled away. Both addresses are published to
 * every node; a short-lived claim in a Hazelcast map (keyed by the event's digest) lets exactly
 * one node append each event.
 */
public final class RoomEvents {

    public static final String COMMERCE = "blossom.commerce";
    public static final String NOTICES = "blossom.room.notice";
    private static final String CLAIMS = "chat.event-claims";
    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_EVENT_BYTES = 4096;
    private static final Logger log = LoggerFactory.getLogger(RoomEvents.class);

    private final Vertx vertx;
    private final RoomLog roomLog;
    private final IMap<String, Boolean> claims;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();

    public RoomEvents(Vertx vertx, HazelcastInstance hazelcast, RoomLog roomLog) {
        this.vertx = vertx;
        this.roomLog = roomLog;
        hazelcast.getConfig().addMapConfig(new MapConfig(CLAIMS).setTimeToLiveSeconds(120).setBackupCount(1));
        this.claims = hazelcast.getMap(CLAIMS);
    }

    public void start() {
        consumers.add(vertx.eventBus().<Object>consumer(COMMERCE, this::onEvent));
        consumers.add(vertx.eventBus().<Object>consumer(NOTICES, this::onEvent));
    }

    private void onEvent(Message<Object> message) {
        if (!(message.body() instanceof JsonObject event)) {
            return;
        }
        String room = event.getString("room");
        String encoded = event.encode();
        if (room == null || !ROOM.matcher(room).matches() || !(event.getValue("type") instanceof String)
                || encoded.length() > MAX_EVENT_BYTES) {
            log.warn("room event ignored address={} reason=malformed", message.address());
            return;
        }
        Future.fromCompletionStage(claims.submitToKey(room + ":" + digest(encoded), new ClaimOnce()),
                        vertx.getOrCreateContext())
                .compose(won -> won ? roomLog.append(room, ChatItem.eventLine(event, System.currentTimeMillis()))
                        : Future.succeededFuture(-1L))
                .onFailure(e -> log.warn("room event not appended room={} cause={}", room, e.toString()));
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        consumers.forEach(MessageConsumer::unregister);
    }
}
