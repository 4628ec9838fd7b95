package live.blossom.chat.protocol;

import io.vertx.core.json.JsonObject;
import java.util.List;
import live.blossom.chat.room.ChatItem;

/**
 * The JSON text of every frame the server sends. Batches are built by string concatenation of
 * items that were JSON-encoded once when they entered the room (see {@link ChatItem}); nothing
 * here is per viewer except the rare trimmed or history batch.
 */
public final class ServerFrames {

    private ServerFrames() {
    }

    /**
     * {@code {"type":"batch","room","first","last","skipped","messages":[...]}}: the messages with
     * sequences first..last that this viewer gets; {@code skipped} = how many in that range are
     * not included (sampled away under a flood, or already overwritten in the ring).
     */
    public static String batch(String room, long first, long last, List<ChatItem> items, String presence) {
        StringBuilder out = new StringBuilder(96 + items.size() * 128);
        out.append("{\"type\":\"batch\",\"room\":\"").append(room).append("\",\"first\":").append(first)
                .append(",\"last\":").append(last).append(",\"skipped\":").append(last - first + 1 - items.size());
        if (presence != null) {
            out.append(",\"presence\":").append(presence);
        }
        out.append(",\"messages\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            items.get(i).appendWire(out);
        }
        return out.append("]}").toString();
    }

    /** Viewers now (cluster-wide) and the room's peak: {@code {"viewers":n,"peak":p}}. */
    public static String presenceBody(long viewers, long peak) {
        return "{\"viewers\":" + viewers + ",\"peak\":" + peak + "}";
    }

    public static String presence(String room, long viewers, long peak) {
        return "{\"type\":\"presence\",\"room\":\"" + room + "\",\"viewers\":" + viewers + ",\"peak\":" + peak + "}";
    }

    public static String error(String code, String message, long retryAfterMs) {
        JsonObject json = errorJson(code, message);
        if (retryAfterMs > 0) {
            json.put("retryAfterMs", retryAfterMs);
        }
        return json.encode();
    }

    /**
     * The room's ring began again since the viewer saw {@code since}: its sequences mean nothing
     * now, and the new ring is replayed from its start.
     */
    public static String sequenceReset(long since) {
        return error("sequence_reset", "This room's messages began again since message " + since
                + "; reading them from the start.", 0);
    }

    /** An error about one room the connection is in. */
    public static String roomError(String room, String code, String message) {
        return errorJson(code, message).put("room", room).encode();
    }

    private static JsonObject errorJson(String code, String message) {
        return new JsonObject().put("type", "error").put("code", code).put("message", message);
    }

    public static String pong(String id) {
        return id == null ? "{\"type\":\"pong\"}" : new JsonObject().put("type", "pong").put("id", id).encode();
    }

    /** The sender's message is in the room with this sequence. */
    public static String ack(String room, String clientId, long seq) {
        JsonObject json = new JsonObject().put("type", "ack").put("room", room).put("seq", seq);
        if (clientId != null) {
            json.put("cid", clientId);
        }
        return json.encode();
    }

    /**
     * Joined: live batches follow; {@code last} is the sequence the viewer is now at, in the life
     * of the room's ring named {@code epoch} (a client joining again sends both back).
     */
    public static String joined(String room, long last, String epoch) {
        return "{\"type\":\"joined\",\"room\":\"" + room + "\",\"last\":" + last + ",\"epoch\":\"" + epoch + "\"}";
    }

    /** A slow viewer's notice: these batches were not sent because it was not reading. */
    public static String missed(String room, long batches, long from, long to) {
        return "{\"type\":\"missed\",\"room\":\"" + room + "\",\"batches\":" + batches + ",\"from\":" + from
                + ",\"to\":" + to + "}";
    }

    /** A single event outside the sequence, for this connection only (e.g. "you are timed out"). */
    public static String event(String room, JsonObject event) {
        return new JsonObject().put("type", "event").put("room", room).put("event", event).encode();
    }
}
