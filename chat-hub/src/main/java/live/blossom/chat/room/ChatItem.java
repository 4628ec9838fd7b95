package live.blossom.chat.room;

import io.vertx.core.json.JsonObject;

/**
 * One entry of a room's sequence: a chat line or an event, as its JSON text without the
 * sequence (that is what the ring stores). The wire form is the same object with {@code seq}
 * first, made by text splicing so each item is encoded exactly once.
 *
 * @param seq      cluster-wide sequence in the room's ring
 * @param json     the stored object, always starting with {@code {"type":}
 * @param ordinary true for a plain viewer's chat line: the only kind that may be sampled away
 */
public record ChatItem(long seq, String json, boolean ordinary) {

    private static final String ORDINARY_PREFIX = "{\"type\":\"chat\",\"role\":\"viewer\"";

    public static ChatItem of(long seq, String json) {
        return new ChatItem(seq, json, json.startsWith(ORDINARY_PREFIX));
    }

    public void appendWire(StringBuilder out) {
        out.append("{\"seq\":").append(seq).append(',').append(json, 1, json.length());
    }

    /** The stored form of a chat line; role first so {@link #ordinary()} is a prefix test. */
    public static String chatLine(String role, String userId, String name, String text, String clientId, long at) {
        JsonObject json = new JsonObject().put("type", "chat").put("role", role).put("user", userId)
                .put("name", name).put("text", text);
        if (clientId != null) {
            json.put("cid", clientId);
        }
        return json.put("at", at).encode();
    }

    /** The stored form of an event (commerce, room notice, moderation): never sampled. */
    public static String eventLine(JsonObject event, long at) {
        return new JsonObject().put("type", "event").put("event", event).put("at", at).encode();
    }
}
