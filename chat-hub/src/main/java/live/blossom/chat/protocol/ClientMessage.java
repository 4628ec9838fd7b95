package live.blossom.chat.protocol;

import java.util.List;

/**
 * What a client may send over {@code /ws/chat}, one JSON text frame each. Records are checked
 * when built by {@link ClientMessageDecoder}; handlers can trust their fields.
 */
public sealed interface ClientMessage {

    /** Sign in on an open connection: {@code {"type":"auth","token":"<jwt>"}}. */
    record Auth(String token) implements ClientMessage {
    }

    /**
     * Watch a room; {@code since} is the last sequence seen (-1 = live only, from now), and
     * {@code epoch}, if not null, the epoch of the room's ring it was seen in.
     */
    record Join(String room, long since, String epoch) implements ClientMessage {
    }

    /** Say something in a joined room; {@code clientId} lets the sender match the ack. */
    record Send(String room, String text, String clientId) implements ClientMessage {
    }

    record Leave(String room) implements ClientMessage {
    }

    /** Keep-alive; the optional id comes back in the pong. */
    record Ping(String id) implements ClientMessage {
    }

    /**
     * A host's or moderator's action on a room. {@code action} is one of delete (seq), timeout
     * (user, seconds), ban (user), unban (user), slow (seconds, 0 = off), words (words).
     */
    record Moderate(String room, String action, long seq, String user, long seconds, List<String> words)
            implements ClientMessage {
        public Moderate {
            words = words == null ? List.of() : List.copyOf(words);
        }
    }
}
