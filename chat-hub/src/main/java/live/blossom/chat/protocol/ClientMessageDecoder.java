package live.blossom.chat.protocol;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one client text frame into a {@link ClientMessage}, or throws a {@link ProtocolError}
 * naming what is wrong. Limits are constructor arguments; the frame size itself is checked by
 * the endpoint before decoding.
 */
public final class ClientMessageDecoder {

    /** A room id is also a live session id and a stream name (shared contract). */
    public static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_ID = 64;
    /** A ring's epoch as the server hands it out in {@code joined}. */
    private static final Pattern EPOCH = Pattern.compile("[0-9a-z]{1,16}");
    private static final int MAX_WORDS = 200;
    private static final int MAX_WORD = 40;
    private static final long MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

    private final ChatText chatText;

    public ClientMessageDecoder(ChatText chatText) {
        this.chatText = chatText;
    }

    public ClientMessage decode(String frame) {
        JsonObject json;
        try {
            json = new JsonObject(frame);
        } catch (DecodeException | ClassCastException e) {
            throw new ProtocolError("bad_json", "Send one JSON object per text frame.");
        }
        Object type = json.getValue("type");
        if (!(type instanceof String t)) {
            throw new ProtocolError("bad_message", "Every message needs a string field 'type'.");
        }
        return switch (t) {
            case "auth" -> new ClientMessage.Auth(string(json, "token", 4096));
            case "join" -> new ClientMessage.Join(room(json), number(json, "since", -1, Long.MAX_VALUE, -1), epoch(json));
            case "send" -> new ClientMessage.Send(room(json), chatText.clean(string(json, "text", 4096)),
                    optionalString(json, "cid", MAX_ID));
            case "leave" -> new ClientMessage.Leave(room(json));
            case "ping" -> new ClientMessage.Ping(optionalString(json, "id", MAX_ID));
            case "moderate" -> moderate(json);
            default -> throw new ProtocolError("unknown_type",
                    "Unknown type '" + abbreviate(t) + "'; use auth, join, send, leave, ping or moderate.");
        };
    }

    private ClientMessage.Moderate moderate(JsonObject json) {
        String action = string(json, "action", 16);
        String room = room(json);
        return switch (action) {
            case "delete" -> new ClientMessage.Moderate(room, action, number(json, "seq", 0, Long.MAX_VALUE, -2),
                    null, 0, null);
            case "timeout" -> new ClientMessage.Moderate(room, action, 0, string(json, "user", MAX_ID),
                    number(json, "seconds", 1, MAX_TIMEOUT_SECONDS, -2), null);
            case "ban", "unban" -> new ClientMessage.Moderate(room, action, 0, string(json, "user", MAX_ID), 0, null);
            case "slow" -> new ClientMessage.Moderate(room, action, 0, null, number(json, "seconds", 0, 3600, -2), null);
            case "words" -> new ClientMessage.Moderate(room, action, 0, null, 0, words(json));
            default -> throw new ProtocolError("bad_message",
                    "Unknown moderation action; use delete, timeout, ban, unban, slow or words.");
        };
    }

    /** The blocked-words list, lower-cased and trimmed. */
    public static List<String> words(JsonObject json) {
        Object value = json.getValue("words");
        if (!(value instanceof JsonArray array) || array.size() > MAX_WORDS) {
            throw new ProtocolError("bad_message", "'words' must be an array of at most " + MAX_WORDS + " strings.");
        }
        List<String> words = new ArrayList<>();
        for (Object w : array) {
            if (!(w instanceof String s) || s.isBlank() || s.length() > MAX_WORD) {
                throw new ProtocolError("bad_message", "Each blocked word is a string of 1 to " + MAX_WORD + " characters.");
            }
            words.add(s.strip().toLowerCase(java.util.Locale.ROOT));
        }
        return words;
    }

    private static String room(JsonObject json) {
        String room = string(json, "room", 64);
        if (!ROOM.matcher(room).matches()) {
            throw new ProtocolError("bad_room", "A room id is lower-case letters, digits and '-', at most 64.");
        }
        return room;
    }

    private static String epoch(JsonObject json) {
        String epoch = optionalString(json, "epoch", 16);
        if (epoch != null && !EPOCH.matcher(epoch).matches()) {
            throw new ProtocolError("bad_message", "Field 'epoch' must be the epoch a 'joined' gave.");
        }
        return epoch;
    }

    private static String string(JsonObject json, String field, int maxLength) {
        Object value = json.getValue(field);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new ProtocolError("bad_message", "Field '" + field + "' must be a non-empty string.");
        }
        if (s.length() > maxLength) {
            throw new ProtocolError("bad_message", "Field '" + field + "' is longer than " + maxLength + ".");
        }
        return s;
    }

    private static String optionalString(JsonObject json, String field, int maxLength) {
        return json.getValue(field) == null ? null : string(json, field, maxLength);
    }

    private static long number(JsonObject json, String field, long min, long max, long fallback) {
        Object value = json.getValue(field);
        if (value == null && fallback != -2) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.longValue() < min || n.longValue() > max) {
            throw new ProtocolError("bad_message", "Field '" + field + "' must be a whole number from " + min + ".");
        }
        return n.longValue();
    }

    private static String abbreviate(String s) {
        String cut = s.length() > 24 ? s.substring(0, 24) : s;
        return cut.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
