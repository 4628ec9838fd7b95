package live.blossom.chat.fanout;

import java.util.ArrayList;
import java.util.List;
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

    /** Consecutive batches as one, from the first one's start to the last one's end. */
    static Batch merged(List<Batch> consecutive) {
        List<ChatItem> items = new ArrayList<>();
        for (Batch b : consecutive) {
            items.addAll(b.items());
        }
        return new Batch(consecutive.get(0).first(), consecutive.get(consecutive.size() - 1).last(), items);
    }
}
