package live.blossom.chat.moderation;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import live.blossom.chat.room.ChatItem;
import live.blossom.chat.room.RoomLog;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.cluster.ClusterFutures;

/**
 * What hosts and moderators can do to a room, from the WebSocket or the REST API alike. Actions
 * that viewers must see (a deleted line, a timeout, a ban, slow mode) are appended to the room's
 * sequence as moderation events, so every node shows them in order and reconnecting clients
 * replay them; sanctions and rules are kept in Hazelcast maps so they hold across nodes.
 */
public final class Moderation {

    private final Vertx vertx;
    private final RoomLog roomLog;
    private final SendGate gate;
    private final IMap<String, Long> sanctions;
    private final IMap<String, RoomRules> rules;

    public Moderation(HazelcastInstance hazelcast, Vertx vertx, RoomLog roomLog, SendGate gate) {
        this.vertx = vertx;
        this.roomLog = roomLog;
        this.gate = gate;
        this.sanctions = hazelcast.getMap(SendGate.SANCTIONS);
        this.rules = hazelcast.getMap(SendGate.RULES);
    }

    public static boolean mayModerate(Principal principal) {
        return principal != null && (principal.has(Role.HOST) || principal.has(Role.MODERATOR));
    }

    /** Removes a line for everyone: clients drop the message with this sequence. */
    public Future<JsonObject> delete(String room, long seq, Principal by) {
        return announce(room, event("message_deleted", room, by).put("seq", seq));
    }

    public Future<JsonObject> timeout(String room, String user, long seconds, Principal by) {
        long until = System.currentTimeMillis() + seconds * 1000;
        return done(sanctions.setAsync(SendGate.sanctionKey(room, user), until, seconds, TimeUnit.SECONDS))
                .compose(v -> announce(room, event("user_timed_out", room, by).put("user", user).put("until", until)));
    }

    public Future<JsonObject> ban(String room, String user, Principal by) {
        return done(sanctions.setAsync(SendGate.sanctionKey(room, user), Long.MAX_VALUE))
                .compose(v -> announce(room, event("user_banned", room, by).put("user", user)));
    }

    public Future<JsonObject> unban(String room, String user, Principal by) {
        return done(sanctions.removeAsync(SendGate.sanctionKey(room, user)))
                .compose(v -> announce(room, event("user_unbanned", room, by).put("user", user)));
    }

    public Future<JsonObject> slowMode(String room, int seconds, Principal by) {
        return gate.rules(room)
                .compose(r -> done(rules.setAsync(room, r.withSlowSeconds(seconds))))
                .compose(v -> announce(room, event("slow_mode", room, by).put("seconds", seconds)));
    }

    /** Replaces the blocked-words list; not announced, so spammers do not learn it. */
    public Future<JsonObject> blockedWords(String room, List<String> words, Principal by) {
        return gate.rules(room)
                .compose(r -> done(rules.setAsync(room, r.withBlockedWords(words))))
                .map(v -> new JsonObject().put("room", room).put("words", new JsonArray(words)));
    }

    public Future<JsonObject> rulesOf(String room) {
        return gate.rules(room).map(r -> new JsonObject().put("room", room).put("slowSeconds", r.slowSeconds())
                .put("words", new JsonArray(r.blockedWords())));
    }

    private static JsonObject event(String type, String room, Principal by) {
        return new JsonObject().put("type", type).put("room", room).put("by", by.name());
    }

    private Future<JsonObject> announce(String room, JsonObject event) {
        return roomLog.append(room, ChatItem.eventLine(event, System.currentTimeMillis()))
                .map(seq -> event.copy().put("eventSeq", seq));
    }

    private <T> Future<Void> done(java.util.concurrent.CompletionStage<T> stage) {
        return ClusterFutures.on(stage, vertx.getOrCreateContext()).mapEmpty();
    }
}
