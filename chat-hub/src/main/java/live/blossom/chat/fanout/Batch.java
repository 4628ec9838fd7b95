package live.blossom.chat.fanout;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import live.blossom.chat.room.ChatItem;

/**
 * What one fan-out window delivers in a room: the sequence range first..last and the items kept
 * from it (all events and host/moderator lines, ordinary lines sampled under a flood). Immutable;
 * each node keeps the last few per room to answer reconnects without reading the ring.
 */
record Batch(long first, long last, List<ChatItem> items) {

    Batch {
        items = List.copyOf(items);
    }

    /** Consecutive batches (each taken from a part) as one, from the first one's start to the last one's end. */
    static <T> Batch merged(Deque<T> parts, Function<T, Batch> batchOf) {
        List<ChatItem> items = new ArrayList<>();
        for (T part : parts) {
            items.addAll(batchOf.apply(part).items());
        }
        return new Batch(batchOf.apply(parts.peekFirst()).first(), batchOf.apply(parts.peekLast()).last(), items);
    }
}
